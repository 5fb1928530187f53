import { builtinCatalog } from '../lib/catalog';
import { lintTransaction } from '../lib/transactions';
import { generateTransactions } from '../lib/simulation';
const catalog = builtinCatalog();
const txs = [...generateTransactions(10000, { seed: 7 })].map(t => JSON.parse(JSON.stringify(t)));
for (let r = 0; r < 6; r++) { const t0 = process.hrtime.bigint(); for (let k = 0; k < 10; k++) for (const t of txs) lintTransaction(t, catalog); console.log(Number(process.hrtime.bigint() - t0) / 100000, 'ns/tx'); }
