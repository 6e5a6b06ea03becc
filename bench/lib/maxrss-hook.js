'use strict';
// Preloaded into the real n8n's CLI (NODE_OPTIONS=--require …) by bench/contenders/real-n8n.ts:
// when the process ends, appends its peak memory (VmHWM, maxRSS) to $BENCH_MAXRSS_FILE.
const fs = require('fs');

const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
	process.on('exit', () => {
		let vmHwmKb;
		try {
			const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
			vmHwmKb = match ? Number(match[1]) : undefined;
		} catch {
			vmHwmKb = undefined;
		}
		const line = { pid: process.pid, argv: process.argv.slice(1), vmHwmKb, maxRssKb: process.resourceUsage().maxRSS };
		try {
			fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
		} catch {
			// Nothing to report to.
		}
	});
}
