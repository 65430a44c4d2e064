/**
 * Accuracy of a scan against a corpus's ground truth:
 *   node bin/run-ts.js scripts/evaluate.ts --db FILE --expected CORPUS/expected.json [--run ID]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateMatrix, formatEvaluation } from '../crawler/report/evaluate.ts';
import { buildMatrix } from '../crawler/report/matrix.ts';
import { Store } from '../crawler/store/store.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, expected: { type: 'string' }, run: { type: 'string' } } });
if (!values.db || !values.expected) {
  console.error('usage: evaluate.ts --db FILE --expected CORPUS/expected.json [--run ID]');
  process.exit(2);
}
const store = new Store(values.db);
const m = buildMatrix(store, values.run ? { run: values.run } : {});
store.close();
console.log(formatEvaluation(evaluateMatrix(m, JSON.parse(readFileSync(values.expected, 'utf8')))));
