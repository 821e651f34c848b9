// Entry point of the export layer: one exporter per format behind exportDocuments.
import { exportBrat } from './brat';
import { exportConll } from './conll';
import { exportCsv } from './csv';
import { exportJsonl } from './jsonl';
import { exportLabelStudio } from './labelStudio';
import { ExportError, type ExportDocument, type ExportFile, type ExportOptions, type Exporter } from './types';

export const EXPORT_FORMATS = ['jsonl', 'brat', 'conll', 'labelstudio', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXPORTERS: Readonly<Record<ExportFormat, Exporter>> = {
  jsonl: exportJsonl,
  brat: exportBrat,
  conll: exportConll,
  labelstudio: exportLabelStudio,
  csv: exportCsv,
};

export function isExportFormat(x: string): x is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(x);
}

export function exportDocuments(format: ExportFormat, docs: ExportDocument[], opts: ExportOptions): ExportFile[] {
  const exporter = EXPORTERS[format];
  if (!exporter) throw new ExportError(`unknown export format ${JSON.stringify(format)}; expected one of ${EXPORT_FORMATS.join(', ')}`);
  return exporter(docs, opts);
}

export * from './types';
export { LABEL_TAGS, EXPORT_TAGS, exportLabelOf, tagForLabel, labelForTag } from './labels';
export { exportJsonl, importJsonl, JSONL_FILE_NAME } from './jsonl';
export { exportBrat, importBrat, lineFragments, BRAT_FRAGMENT_SEPARATOR } from './brat';
export { exportConll, bioSentences, readBioStrict, BioFormatError, CONLL_FILE_NAME, type BioSentence, type BioEntity } from './conll';
export { exportLabelStudio, LABEL_STUDIO_FILE_NAME, LABEL_STUDIO_MODEL_VERSION } from './labelStudio';
export { exportCsv, parseCsv, csvField, csvFileName, CSV_HEADER } from './csv';
