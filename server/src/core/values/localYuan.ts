// Which currency a plain 元 means in one article. News from Taiwan prices in 新台幣 and writes the
// plain 元 for it once the currency has been named; the script does not tell (the seeds are
// mainland news in traditional characters, where 元 is the renminbi). So an article that names the
// New Taiwan dollar and never the renminbi has its 元 valued in TWD.

const TWD = /新台[币幣]|NT\$/;
const CNY = /人民[币幣]|RMB/;

export function localYuan(text: string): 'TWD' | undefined {
  return TWD.test(text) && !CNY.test(text) ? 'TWD' : undefined;
}
