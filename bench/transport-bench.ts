import { performance } from 'node:perf_hooks';
import { Meilisearch } from 'meilisearch';
import { createNodeHttpClient } from '../server/src/search/adapters/meilisearch/node-http-client';
import { percentile } from './lib/ir-metrics';

/**
 * `npm run bench -- transport`: the same search, back to back, through the meilisearch client on
 * Node's fetch and on our node:http transport, beside Meilisearch's own processingTimeMs. Needs
 * MEILI_HOST and MEILI_MASTER_KEY; creates and deletes one small index.
 */
export async function runTransportBench(): Promise<void> {
  const host = process.env.MEILI_HOST;
  const apiKey = process.env.MEILI_MASTER_KEY;
  if (!host || !apiKey) throw new Error('Set MEILI_HOST and MEILI_MASTER_KEY to a Meilisearch server');
  const admin = new Meilisearch({ host, apiKey });
  const uid = `transport_bench_${Date.now()}`;
  await admin.createIndex(uid).waitTask();
  await admin.index(uid).updateSettings({ filterableAttributes: ['id'] }).waitTask();
  await admin.index(uid).addDocuments(Array.from({ length: 500 }, (_, id) => ({ id, title: `parking sensor ${id}` }))).waitTask();
  // A request of the size the app sends: a sentence of a query, a visibility filter, highlighting.
  const query = 'parking sensor occupancy bays council streets residents payment kerbside';
  const options = { limit: 20, filter: Array.from({ length: 30 }, (_, id) => `id != ${id}`).join(' AND '), attributesToHighlight: ['title'] };
  try {
    const rows = [];
    for (const [transport, client] of [
      ['fetch (the client default)', new Meilisearch({ host, apiKey })],
      ['node:http, keep-alive', new Meilisearch({ host, apiKey, httpClient: createNodeHttpClient() })],
    ] as const) {
      const roundTrips: number[] = [];
      const processing: number[] = [];
      for (let run = 0; run < 65; run += 1) {
        const started = performance.now();
        const response = await client.index(uid).search(query, options);
        if (run < 5) continue; // warm-up
        roundTrips.push(performance.now() - started);
        processing.push(response.processingTimeMs);
      }
      rows.push({
        transport,
        roundTripP50Ms: Number(percentile(roundTrips, 50).toFixed(1)),
        roundTripP95Ms: Number(percentile(roundTrips, 95).toFixed(1)),
        processingTimeP50Ms: percentile(processing, 50),
      });
    }
    console.table(rows);
  } finally {
    await admin.deleteIndex(uid).waitTask();
  }
}
