/**
 * WAYPOINT_TRACE_START=1: `waypoint serve` prints each step of its start on stderr, with the time
 * since the process started and the CPU time it has used so far (issue 14: what a start spends).
 */
export function traceStart(step: string): void {
  if (!process.env.WAYPOINT_TRACE_START) return;
  const cpu = process.cpuUsage();
  process.stderr.write(
    `waypoint start: ${step} at ${Math.round(performance.now())} ms, CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms\n`,
  );
}
