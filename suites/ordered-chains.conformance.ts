// The suites whose requests each wait for the one before (the lifecycle, the paging walks, the reads after writes,
// the robustness probes) keep one or two requests in flight; each works on orders of its own, or probes what no
// other of them writes, so they are collected in this one file and run at once (vitest runs a worker's files one
// after another) instead of a far tenant's round trips adding up file after file. Their steps stay in order.
import './chains/lifecycle.ts';
import './chains/paging.ts';
import './chains/read-after-write.ts';
import './chains/robustness.ts';
