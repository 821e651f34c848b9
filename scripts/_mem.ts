import { defaultLacPath, defaultNameNetworkPath, loadNameNetwork } from '../server/src/core/ner/lac';
const gc = (globalThis as any).gc;
gc(); const m0 = process.memoryUsage();
const n = loadNameNetwork(defaultNameNetworkPath()!, defaultLacPath()!);
n.scores('测试一下这个句子。');
gc(); const m1 = process.memoryUsage();
console.log('heapUsed +', ((m1.heapUsed - m0.heapUsed) / 1048576).toFixed(1), 'MB; external +', ((m1.external - m0.external) / 1048576).toFixed(1), 'arrayBuffers +', ((m1.arrayBuffers - m0.arrayBuffers) / 1048576).toFixed(1));
