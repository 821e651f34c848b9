import { parseArgs } from 'util';
import { createDefaultAnalyzer } from '../core/pipeline';
import { createCoreResources } from '../core/resources';
import { ENTITY_LABELS } from '../core/types';
import { anchorIso } from '../core/values/timex';
import { ADJUDICATE_USAGE, adjudicateCommand } from './adjudicate';
import { AGREE_USAGE, agreeCommand } from './agree';
import { BATCH_USAGE, batchCommand, wantsJsonl } from './batchCommand';
import { EXPORT_USAGE, exportCommand } from './exportCommand';
import { FIX_USAGE, runFix } from './fix';
import { collectArticleFiles, ENCODING_USAGE, parseEncoding, readArticle, readErrorMessage, UsageError } from './files';
import { learnedOptions, learningFileFrom, parseReferenceDate } from './learned';

const USAGE = `usage: zh-article <command> [options] <files or folders…>

commands:
  annotate <files…> [--json] [--date YYYY-MM-DD] [--learned WORKSPACE|FILE] [${ENCODING_USAGE}]
                               list the entities of each article (JSON lines with --json); --date
                               is the articles' date when they have no dateline; --learned applies
                               what a workspace learned from corrections (.zh-article/learning.jsonl)
${EXPORT_USAGE}
  ${FIX_USAGE}
${BATCH_USAGE}
${AGREE_USAGE}
${ADJUDICATE_USAGE}

Folders are searched for .txt and .article files; - is standard input; -- ends the options (a
file named -x.txt: zh-article annotate -- -x.txt). Only regular files up to 64 MB are read;
articles must be UTF-8 unless --encoding says otherwise. Exit status: 0 done, 1 some article or
record failed, 2 bad command line, 3 a --jsonl run stopped early (read error, crashed worker,
output closed). zh-article help, or --help after any command, prints this; --version the version.`;

function annotate(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, date: { type: 'string' }, learned: { type: 'string' }, encoding: { type: 'string' } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const json = !!parsed.values.json;
  const reference = parseReferenceDate(parsed.values.date);
  const learningFile = learningFileFrom(parsed.values.learned);
  const encoding = parseEncoding(parsed.values.encoding);
  const files = collectArticleFiles(parsed.positionals);
  if (files.length === 0) throw new UsageError('no article files given');
  const totals: Record<string, number> = {};
  // The CLI does not paint as one types: it can wait for LAC's tags, which the model reads when it was trained with them.
  const resources = createCoreResources({ log: (m) => console.error(m), lac: true });
  const analyzer = createDefaultAnalyzer(resources, learningFile ? learnedOptions(resources, learningFile, (m) => console.error(m)) : {});
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readArticle(file, encoding).text;
    } catch (err) {
      console.error(`zh-article: ${readErrorMessage(err)}`);
      failed++;
      continue;
    }
    const { entities, anchor } = analyzer.analyzeDocument(text, reference);
    if (json) {
      const out = entities.map(({ start, end, label, text: t, value, unit, currency, qualifier, resolution, source }) => ({ start, end, label, text: t, value, unit, currency, qualifier, resolution, source }));
      const date = anchor ? { date: anchorIso(anchor), source: anchor.source } : undefined;
      process.stdout.write(`${JSON.stringify({ file, date, entities: out })}\n`);
      continue;
    }
    const counts: Record<string, number> = {};
    for (const e of entities) {
      counts[e.label] = (counts[e.label] ?? 0) + 1;
      totals[e.label] = (totals[e.label] ?? 0) + 1;
    }
    console.log(`${file}: ${entities.length} entities (${ENTITY_LABELS.filter((l) => counts[l]).map((l) => `${l} ${counts[l]}`).join(', ')})`);
    const names = entities.filter((e) => e.label === 'person' || e.label === 'organization').map((e) => `${e.text}/${e.label[0]}`);
    if (names.length) console.log(`  ${[...new Set(names)].slice(0, 12).join('  ')}`);
  }
  if (!json && files.length > 1) {
    console.log(`total: ${ENTITY_LABELS.filter((l) => totals[l]).map((l) => `${l} ${totals[l]}`).join(', ')} in ${files.length} files`);
  }
  return failed ? 1 : 0;
}

/** The package's version, set by the build (scripts/build.mjs); a run from source has none. */
declare const ZH_ARTICLE_VERSION: string | undefined;
const VERSION = typeof ZH_ARTICLE_VERSION === 'string' ? ZH_ARTICLE_VERSION : 'unknown (run from source)';

/** `zh-article export --help` asks for help like `zh-article --help` (options after `--` are files). */
function asksForHelp(rest: readonly string[]): boolean {
  const end = rest.indexOf('--');
  return (end < 0 ? rest : rest.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command && command !== '--' && !command.startsWith('-') && command !== 'help' && asksForHelp(rest)) {
      console.log(USAGE);
      return 0;
    }
    switch (command) {
      case '--version':
      case '-V':
        console.log(VERSION);
        return 0;
      case 'annotate':
        return wantsJsonl(rest) ? await batchCommand('annotate', rest) : annotate(rest);
      case 'fix':
        return wantsJsonl(rest) ? await batchCommand('fix', rest) : runFix(rest);
      case 'export':
        return await exportCommand(rest);
      case 'agree':
        return agreeCommand(rest);
      case 'adjudicate':
        return await adjudicateCommand(rest);
      case undefined:
      case 'help':
      case '-h':
      case '--help':
        console.log(USAGE);
        return command ? 0 : 2;
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`zh-article: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`zh-article: ${(err as Error).message}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
