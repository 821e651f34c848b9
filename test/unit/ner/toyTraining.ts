import { spansToTags, type Span } from '../../../server/src/core/ner/bio';
import { FeatureIndex, frequentFeatures } from '../../../server/src/core/ner/featureIndex';
import type { NerModelData } from '../../../server/src/core/ner/modelFile';
import { PerceptronTrainer } from '../../../server/src/core/ner/perceptron';
import { quantize } from '../../../server/src/core/ner/weights';

/**
 * Trains the perceptron on a toy corpus whose features the caller extracted (one Int32Array a
 * sentence), 10 epochs: enough to fit it, so tests compare a trained model, not zeros.
 */
export function trainToyWeights(corpus: readonly { text: string; spans: Span[] }[], feats: readonly Int32Array[]): Pick<NerModelData, 'weights' | 'transitions'> {
  const all = new Int32Array(feats.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of feats) all.set(f, (at += f.length) - f.length);
  const index = new FeatureIndex(frequentFeatures(all, 1));
  const rows = feats.map((f) => f.map((k) => (k === 0 ? -1 : index.get(k))));
  const trainer = new PerceptronTrainer(index.size);
  for (let epoch = 0; epoch < 10; epoch++) corpus.forEach((s, i) => trainer.train(rows[i], s.text.length, spansToTags(s.text.length, s.spans)));
  const { weights, transitions } = trainer.averaged();
  return { weights: quantize(index, weights, 0), transitions };
}
