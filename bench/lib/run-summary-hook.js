'use strict';
// Preloaded into the real n8n's CLI (NODE_OPTIONS=--require …) by bench/contenders/real-n8n.ts.
// `n8n execute --rawOutput` prints the whole run as indented JSON once the workflow has ended: for
// 100,000 items through several nodes that is more text than one string can hold, and printing it
// would be most of the process's peak memory. The benchmark reads only each node's start,
// execution time, error and, per output item, whether it failed; this prints just that, so every
// run is measured the same way. The workflow's own execution is untouched.
const stringify = JSON.stringify;

function isRun(value) {
	return value !== null && typeof value === 'object' && value.data && value.data.resultData && value.data.resultData.runData;
}

function errorOnly(item) {
	const json = (item && item.json) || {};
	const kept = {};
	if (json.error !== undefined) kept.error = json.error;
	if (Array.isArray(json.errors)) kept.errors = json.errors.map((entry) => ({ code: entry && entry.code }));
	return { json: kept };
}

function summarise(run) {
	const runData = {};
	for (const [node, runs] of Object.entries(run.data.resultData.runData)) {
		runData[node] = (runs || []).map((taskData) => ({
			startTime: taskData.startTime,
			executionTime: taskData.executionTime,
			executionStatus: taskData.executionStatus,
			...(taskData.error ? { error: { message: taskData.error.message } } : {}),
			data: { main: ((taskData.data && taskData.data.main) || []).map((items) => (items ? items.map(errorOnly) : null)) },
		}));
	}
	const error = run.data.resultData.error;
	return {
		...Object.fromEntries(Object.entries(run).filter(([key]) => key !== 'data')),
		data: { resultData: { runData, ...(error ? { error: { message: error.message } } : {}) } },
	};
}

JSON.stringify = function (value, replacer, space) {
	return stringify(isRun(value) ? summarise(value) : value, replacer, space);
};
