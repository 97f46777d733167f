/**
 * Progress of a long command as `(done, total)` calls: one redrawn bar on a terminal; a plain line
 * per tenth (and at the end) otherwise, so logs and CI show it advancing without control codes.
 */
export function progressBar(label: string, write: (text: string) => void = (text) => process.stdout.write(text), interactive = process.stdout.isTTY === true) {
  let lastTenth = -1;
  return (done: number, total: number) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `  ${label.padEnd(14)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    if (interactive) {
      write(`\r${line}${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth > lastTenth || done === total) {
      lastTenth = tenth;
      write(`  ${label} ${done}/${total}\n`);
    }
  };
}
