import * as path from 'path';
import { projectRoot } from '../server/src/core/assets';

// The shared inputs (seed articles, gold repairs, NER data) sit beside the repository:
// <repo>/../shared. ZAA_SHARED_DIR overrides; scripts/test.mjs sets it for a clone made elsewhere.
// test/e2e/lib/paths.mjs reads the same variable.
export const SHARED_DIR = process.env.ZAA_SHARED_DIR ?? path.resolve(projectRoot(), '..', 'shared');
export const SEEDS_DIR = path.join(SHARED_DIR, 'seeds');
export const GOLD_DIR = path.join(SHARED_DIR, 'gold');
