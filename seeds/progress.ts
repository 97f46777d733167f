/** Reports "label n/total" as seeding advances: one updating line on a terminal, a line per tenth otherwise. */
export function progress(label: string, total: number, log: (message: string) => void) {
  let done = 0;
  const interactive = process.stdout.isTTY === true;
  return {
    tick() {
      done += 1;
      if (interactive) {
        process.stdout.write(`\r  ${label} ${done}/${total}${done === total ? '\n' : ''}`);
      } else if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) {
        log(`  ${label} ${done}/${total}`);
      }
    },
  };
}
