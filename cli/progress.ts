/** A one-line progress bar on stderr for long CLI work; plain lines when not a terminal. */
export function progressBar(log: (line: string) => void) {
  const tty = process.stderr.isTTY;
  let lastPhase = "";
  let lastPercent = -1;
  const update = (p: { phase: string; done: number; total: number }) => {
    const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
    if (p.phase === lastPhase && (percent === lastPercent || (!tty && percent - lastPercent < 25))) return;
    if (tty) {
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      process.stderr.write(`\r  ${p.phase.padEnd(10)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(percent).padStart(3)}%`);
    } else {
      if (p.phase !== lastPhase && lastPhase) log(`  ${lastPhase} done`);
      log(`  ${p.phase} ${percent}% (${p.done.toLocaleString("en-US")}/${p.total.toLocaleString("en-US")})`);
    }
    lastPhase = p.phase;
    lastPercent = percent;
  };
  return Object.assign(update, {
    done: () => {
      if (tty) process.stderr.write("\n");
    },
  });
}
