/**
 * The alert-to-containment demo: a polling trigger's workflow, run as n8n runs it. The trigger is
 * activated (its first poll records where it stands), the sandbox raises a new alert, the next
 * poll emits it, and the workflow runs with the polled items, as n8n starts an execution for them.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO_ALERT_FILES, MALICIOUS_SHA256, type Sandbox } from '../../sandbox';
import { runPoll, runWorkflow, type CredentialStore, type WorkflowRunResult } from '../../test/harness';
import { shorten, table } from './table';
import type { Target } from './target';
import type { WorkflowFile } from './workflow-file';

export const ALERT_TRIGGER = 'New High Alert';

/**
 * A malware hash with quarantined copies that no custom indicator names yet: the demo's alert is
 * about it, so the whole loop runs (the demos before this one have blocked the demo malware).
 */
function freshMalware(sandbox: Sandbox): string {
	const quarantined = new Set(sandbox.state.quarantine.all().filter((entry) => entry.doc.state === 'quarantined').map((entry) => entry.doc.sha256));
	return MALICIOUS_SHA256.find((sha) => quarantined.has(sha) && !sandbox.state.iocs.findByValue('sha256', sha)) ?? DEMO_ALERT_FILES[0].sha256;
}

/** Runs the workflow for one alert raised in the sandbox; on a tenant it is skipped: it contains a host. */
export async function runAlertResponse(target: Target, credentials: CredentialStore, workflow: WorkflowFile): Promise<{ run: WorkflowRunResult } | { skipped: string }> {
	if (!target.sandbox) return { skipped: 'it contains a host, so it runs on the sandbox only (in n8n, the trigger\'s "Fetch test event" shows your newest high alert)' };
	const trigger = workflow.nodes.find((node) => node.name === ALERT_TRIGGER);
	if (!trigger) return { skipped: `the workflow has no node "${ALERT_TRIGGER}"` };
	const poll = async (staticData?: IDataObject) =>
		await runPoll({ type: trigger.type, nodeName: ALERT_TRIGGER, parameters: trigger.parameters as INodeParameters, credentials, staticData });
	const activation = await poll();
	if (activation.error) throw activation.error;
	target.sandbox.state.alerts.create({ sha256: freshMalware(target.sandbox) });
	const polled = await poll(activation.staticData);
	if (polled.error) throw polled.error;
	const run = await runWorkflow({
		...workflow,
		credentials,
		name: workflow.name,
		startNode: ALERT_TRIGGER,
		triggerItems: polled.items.map((item) => ({ json: item.json })),
		mode: 'trigger',
	});
	return { run };
}

const itemsOf = (run: WorkflowRunResult, node: string): IDataObject[] => (run.nodes[node]?.items ?? []).map((item) => item.json);

/** The loop, step by step, one column per alert. */
export function summarizeAlertResponse(run: WorkflowRunResult): string {
	const alerts = itemsOf(run, ALERT_TRIGGER);
	const lookUps = itemsOf(run, 'Look Up Hash');
	const blocked = itemsOf(run, 'Block Hash');
	const previews = itemsOf(run, 'Preview Deletion');
	const deleted = itemsOf(run, 'Delete Quarantined Copies');
	const contained = itemsOf(run, 'Contain Host');
	const updated = itemsOf(run, 'Update Alert');
	const copies = (count: unknown) => `${String(count)} quarantined cop${count === 1 ? 'y' : 'ies'}`;
	const outcome = (item: IDataObject | undefined, ok: (item: IDataObject) => string) => (item === undefined ? 'not run' : item.error ? `failed: ${shorten(item.error, 60)}` : ok(item));
	const column = (alert: IDataObject, index: number) => {
		const device = (alert.device ?? {}) as IDataObject;
		const sha = String(alert.sha256 ?? '');
		const known = lookUps.find((indicator) => indicator.value === sha);
		const block = blocked.find((indicator) => indicator.value === sha);
		return [
			`${String(alert.severity_name)} ${shorten(alert.display_name, 40)}`,
			`${String(alert.filename)} on ${String(device.hostname)}`,
			shorten(sha, 20),
			known ? `custom indicator already (${String(known.action)})` : 'no custom indicator',
			known ? 'kept the existing one' : outcome(block, (item) => `${String(item.action)} indicator ${shorten(item.id, 14)}`),
			outcome(previews[index], (item) => `${copies(item.wouldAffect)} to delete`),
			outcome(deleted[index], (item) => `${copies(item.affected)} deleted`),
			outcome(contained[index], (item) => `${String(item.hostname)}: containment requested (was ${String(item.previous_status)})`),
			outcome(updated[index], (item) => `status ${String(item.status)}, comment appended`),
		];
	};
	const steps = ['Alert (trigger)', 'File and host', 'SHA256', 'IOC look-up', 'Block hash', 'Preview deletion', 'Delete copies', 'Contain host', 'Update alert'];
	const columns = alerts.map(column);
	return table(['Step', ...alerts.map((_, index) => (alerts.length === 1 ? 'Result' : `Alert ${index + 1}`))], steps.map((step, row) => [step, ...columns.map((values) => values[row])]));
}
