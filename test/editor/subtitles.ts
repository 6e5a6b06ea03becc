import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

/** The most a canvas subtitle shows before n8n cuts it: one line under a default-sized node (about 200 px of 12 px text). */
export const MAX_SUBTITLE_LENGTH = 28;

export function optionsOf(property: INodeProperties): INodePropertyOptions[] {
	return (property.options ?? []).filter((option): option is INodePropertyOptions => 'value' in option);
}

/** What a subtitle should show for each resource and operation (or event): the option's `action`. */
export function subtitleLabels(description: INodeTypeDescription): { key: string; labels: Record<string, string> } {
	const event = description.properties.find((property) => property.name === 'event');
	if (event) return { key: '$parameter["event"]', labels: Object.fromEntries(optionsOf(event).map((option) => [String(option.value), option.action ?? option.name])) };
	const resources = optionsOf(description.properties.find((property) => property.name === 'resource')!).map((option) => String(option.value));
	const single = resources.length === 1;
	const labels: Record<string, string> = {};
	for (const property of description.properties.filter((entry) => entry.name === 'operation')) {
		for (const resource of property.displayOptions?.show?.resource ?? resources) {
			for (const option of optionsOf(property)) labels[single ? String(option.value) : `${String(resource)}:${String(option.value)}`] = option.action ?? option.name;
		}
	}
	return { key: single ? '$parameter["operation"]' : '$parameter["resource"] + ":" + $parameter["operation"]', labels };
}

/**
 * The subtitle expression a node should carry: its options' `action` looked up by the chosen values.
 * n8n's lint wants the subtitle written out in the node's class description, so each node holds this
 * text and the editor test checks it is still what the node's options say.
 */
export function expectedSubtitle(description: INodeTypeDescription): string {
	const { key, labels } = subtitleLabels(description);
	const fallback = key.includes('event') ? '$parameter["event"]' : '$parameter["operation"]';
	return `={{ (${JSON.stringify(labels)})[${key}] ?? ${fallback} }}`;
}
