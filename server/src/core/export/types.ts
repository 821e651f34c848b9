// Shapes shared by every exporter and importer. Spans inside these objects are UTF-16 (core
// convention); only the serialized files speak the unit chosen in ExportOptions.offsets.
import type { Entity, EntityLabel } from '../types';

/** The unit offsets are written in. Python, brat, doccano and Label Studio count code points. */
export type OffsetUnit = 'codepoint' | 'utf16';

export interface ExportDocument {
  /** Path or name of the article; exporters use its base name for per-document files. */
  path: string;
  text: string;
  /** Effective spans (UTF-16), e.g. AnnotationStore.merge(automatic). */
  spans: Entity[];
}

export interface ExportOptions {
  offsets: OffsetUnit;
  /** Only spans with these labels are exported; core labels ('location') or tags ('LOC'). */
  labels?: EntityLabel[] | string[];
}

export interface ExportFile {
  name: string;
  content: string;
}

export type Exporter = (docs: ExportDocument[], opts: ExportOptions) => ExportFile[];

/** A document read back from an export; spans are UTF-16 whatever the file declared. */
export interface ImportedDocument {
  path?: string;
  text: string;
  /** The unit the file declared (or was assumed to use). */
  offsets: OffsetUnit;
  spans: Entity[];
  /** Things skipped on purpose (unknown labels, unsupported annotation kinds). */
  warnings: string[];
}

/** A span the exporter cannot write faithfully (out of range, text mismatch, split pair). */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** A file that cannot be imported; the message names the line or field. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}
