import v8 from 'node:v8';

/**
 * How far past what the last full GC left alive V8 lets the heap grow before it runs the next
 * one, in percent. Otherwise V8 allows up to 4 times the live heap when its heap limit is large,
 * as Node's default limit is on a machine with plenty of memory (4.3 GB on our 24 GB one).
 *
 * Under load the app moves some 14 MB/s of request data (driver results, middleware state) into
 * the old generation, where it dies within seconds. With 4x headroom, 250 MB of it piled up
 * between full GCs, spread over pages that each kept a few live objects, so a full GC could not
 * give those pages back: with a live heap of 120 MB, RSS after a full GC swung between 360 and
 * 500 MB depending on where in that cycle it ran. At 30 % a full GC runs every few seconds
 * instead of every 15 s, marking runs concurrently on a helper thread, and RSS stays within a
 * few MB (see "Memory" in README.md).
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * Sets that headroom for this process unless node was started with its own
 * `--heap-growing-percent`. Node refuses V8 flags like it in NODE_OPTIONS, so the app sets it
 * itself on whatever path starts it (`npm start`, the image, the API and soak benchmarks).
 */
export function limitHeapGrowth(): void {
  if (process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
