/**
 * What the editor must show, derived from the built node and credential descriptions (so the test
 * follows the node as it changes) and cross-checked against the README's parameter tables.
 *
 * Visibility is decided by n8n-workflow's own displayParameter over the parameter values n8n
 * would hold (getNodeParameters with defaults), as the editor does.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import {
	NodeHelpers,
	type ICredentialType,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

/** A way to set the form up: every parameter at its default, or one controller set to a value. */
export interface View {
	/** The controlling parameter and the option chosen; absent for the defaults. */
	choice?: { parameter: INodeProperties; option: INodePropertyOptions };
	values: INodeParameters;
	/** Top-level properties shown in this view, in description order (hidden ones left out). */
	visible: INodeProperties[];
}

// The built package is CommonJS, found by path only at run time.
const load = createRequire(__filename);

export function loadNodeDescription(repoRoot: string, file: string): INodeTypeDescription {
	const exported = load(join(repoRoot, file)) as Record<string, new () => INodeType>;
	const NodeClass = Object.values(exported).find((value) => typeof value === 'function');
	if (!NodeClass) throw new Error(`${file} exports no node class`);
	return new NodeClass().description;
}

export function loadCredentialType(repoRoot: string, file: string): ICredentialType {
	const exported = load(join(repoRoot, file)) as Record<string, new () => ICredentialType>;
	const CredentialClass = Object.values(exported).find((value) => typeof value === 'function');
	if (!CredentialClass) throw new Error(`${file} exports no credential class`);
	return new CredentialClass();
}

function displayKeys(property: INodeProperties): string[] {
	const options = property.displayOptions ?? {};
	return [...Object.keys(options.show ?? {}), ...Object.keys(options.hide ?? {})].map((key) =>
		key.replace(/^\//, ''),
	);
}

/** Top-level `options` parameters that decide whether another top-level parameter is shown. */
export function controllers(properties: INodeProperties[]): INodeProperties[] {
	const referenced = new Set(properties.flatMap(displayKeys));
	return properties.filter((p) => p.type === 'options' && referenced.has(p.name));
}

/** The default view, then one view per other option of each controller. */
export function views(
	properties: INodeProperties[],
	description: INodeTypeDescription | null,
): View[] {
	const version = description
		? Math.max(...([] as number[]).concat(description.version))
		: undefined;
	const node = version === undefined ? null : { typeVersion: version };
	const view = (set: INodeParameters, choice?: View['choice']): View => {
		const values =
			NodeHelpers.getNodeParameters(properties, set, true, false, node, description) ?? {};
		const visible = properties.filter(
			(p) => p.type !== 'hidden' && NodeHelpers.displayParameter(values, p, node, description),
		);
		return { choice, values, visible };
	};
	const result = [view({})];
	for (const parameter of controllers(properties)) {
		for (const option of (parameter.options ?? []) as INodePropertyOptions[]) {
			if (option.value === parameter.default) continue;
			result.push(view({ [parameter.name]: option.value }, { parameter, option }));
		}
	}
	return result;
}

/** Options of a `collection`/`fixedCollection` parameter, by display name. */
export function collectionOptions(property: INodeProperties): string[] {
	return ((property.options ?? []) as Array<INodeProperties | INodePropertyCollection>).map(
		(option) => option.displayName,
	);
}

/** Display names of the parameters and collection options shown in any view. */
export function namesShown(allViews: View[]): Set<string> {
	const names = new Set<string>();
	for (const view of allViews) {
		for (const property of view.visible) {
			if (property.type === 'notice') continue;
			names.add(property.displayName);
			if (property.type === 'collection' || property.type === 'fixedCollection') {
				for (const option of collectionOptions(property)) {
					names.add(`${property.displayName} → ${option}`);
				}
			}
		}
	}
	return names;
}

/**
 * First column of the first table under `heading`, as parameter names: bold and code marks
 * removed, "A, B" split into two names, "Options -> X" written "Options → X".
 */
export function readmeTableNames(readme: string, heading: string): string[] {
	const lines = readme.split('\n');
	const start = lines.findIndex((line) => line.trim() === heading);
	if (start < 0) throw new Error(`README has no heading "${heading}"`);
	const names: string[] = [];
	let inTable = false;
	for (const line of lines.slice(start + 1)) {
		if (/^#{1,2} /.test(line)) break;
		if (!line.trim().startsWith('|')) {
			if (inTable) break;
			continue;
		}
		const first = line.trim().replace(/^\|/, '').split('|')[0].trim();
		if (!inTable) {
			inTable = true; // the header row
			continue;
		}
		if (/^:?-+:?$/.test(first)) continue;
		for (const name of first.replace(/\*\*|`/g, '').split(/,\s*/)) {
			names.push(name.replace(/\s*(->|→)\s*/g, ' → ').trim());
		}
	}
	if (names.length === 0) throw new Error(`README has no parameter table under "${heading}"`);
	return names;
}

/**
 * Names the README table has and the description does not, and the other way round. A row
 * "Options → Batch Size" names the collection "Options" too.
 */
export function compareNames(
	readmeNames: string[],
	shown: Set<string>,
): { notInNode: string[]; notInReadme: string[] } {
	const readme = new Set(readmeNames.flatMap((name) => [name, name.split(' → ')[0]]));
	return {
		notInNode: readmeNames.filter((name) => !shown.has(name)),
		notInReadme: [...shown].filter((name) => !readme.has(name)),
	};
}

export function readReadme(repoRoot: string): string {
	return readFileSync(join(repoRoot, 'README.md'), 'utf8');
}
