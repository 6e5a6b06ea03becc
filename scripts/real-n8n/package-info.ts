/**
 * What package.json's `n8n` section declares, resolved to node and credential type names by
 * loading the built files (dist/). The list is the lead's: whatever nodes it names are checked
 * and photographed, nothing else.
 */
import * as fs from 'fs';
import * as path from 'path';

import { REPO_DIR } from './examples';

export const PACKAGE_NAME = 'n8n-nodes-edr-soar';

export interface DeclaredNode {
	/** The path as package.json lists it (dist/...). */
	file: string;
	/** description.name, e.g. crowdStrikeFalconIoc */
	name: string;
	/** `${PACKAGE_NAME}.${name}` */
	type: string;
	displayName: string;
	/** Polling or event trigger (no Operation dropdown, opens as a trigger in the editor). */
	isTrigger: boolean;
	/** lower-case-with-dashes of the display name: crowdstrike-falcon-ioc */
	slug: string;
}

export interface DeclaredCredential {
	file: string;
	name: string;
	displayName: string;
	/** Names of the credential's fields. */
	fields: string[];
}

export interface PackageInfo {
	name: string;
	version: string;
	nodes: DeclaredNode[];
	credentials: DeclaredCredential[];
}

export function slugOf(displayName: string): string {
	return displayName
		.toLowerCase()
		.replace(/\([^)]*\)/g, (m) => ` ${m.slice(1, -1)} `)
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

function firstClassInstance(file: string): Record<string, unknown> {
	const mod = require(file) as Record<string, unknown>;
	const Ctor = Object.values(mod).find((v) => typeof v === 'function') as (new () => Record<string, unknown>) | undefined;
	if (!Ctor) throw new Error(`${file} exports no class`);
	return new Ctor();
}

/** Reads package.json and loads each declared node and credential from dist/ (run the build first). */
export function readPackageInfo(repoDir = REPO_DIR): PackageInfo {
	const pkg = JSON.parse(fs.readFileSync(path.join(repoDir, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const nodes: DeclaredNode[] = (pkg.n8n?.nodes ?? []).map((file) => {
		const abs = path.join(repoDir, file);
		if (!fs.existsSync(abs)) throw new Error(`package.json n8n.nodes lists ${file}, which the build did not produce`);
		const instance = firstClassInstance(abs) as { description: Record<string, unknown> };
		const d = instance.description;
		const name = String(d.name);
		const displayName = String(d.displayName ?? name);
		const group = (d.group as string[] | undefined) ?? [];
		const isTrigger = d.polling === true || group.includes('trigger') || /Trigger$/.test(name);
		return { file, name, type: `${pkg.name}.${name}`, displayName, isTrigger, slug: slugOf(displayName) };
	});
	const credentials: DeclaredCredential[] = (pkg.n8n?.credentials ?? []).map((file) => {
		const abs = path.join(repoDir, file);
		if (!fs.existsSync(abs)) throw new Error(`package.json n8n.credentials lists ${file}, which the build did not produce`);
		const c = firstClassInstance(abs) as { name: string; displayName?: string; properties?: Array<{ name: string }> };
		return { file, name: c.name, displayName: c.displayName ?? c.name, fields: (c.properties ?? []).map((p) => p.name) };
	});
	return { name: pkg.name, version: pkg.version, nodes, credentials };
}
