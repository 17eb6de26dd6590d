/**
 * What a person does in the editor, as checks: set up the owner, find the node by searching
 * "Movilitas", add it, go through every value of the parameters that show or hide others (Serials
 * Source), add every option, open the credential form; screenshots go to `docs`.
 */
import { join } from 'node:path';

import type { ICredentialType, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import type { Locator, Page } from 'playwright-core';

import { Editor } from './editor';
import { collectionOptions, controllers, type View } from './expected';
import { check } from './report';

export interface Subject {
	node: INodeTypeDescription;
	nodeViews: View[];
	credential: ICredentialType;
	credentialViews: View[];
	docs: string;
}

export const describeView = (view: View): string =>
	view.choice ? `${view.choice.parameter.displayName}: ${view.choice.option.name}` : 'defaults';

function defaultOption(parameter: INodeProperties): { name: string } {
	const options = (parameter.options ?? []) as Array<{ name: string; value: unknown }>;
	const found = options.find((o) => o.value === parameter.default);
	if (!found) throw new Error(`${parameter.displayName} has no option for its default`);
	return found;
}

/** Every parameter of `view` on screen, and none that only other views show. */
async function checkView(
	editor: Editor,
	scope: Locator,
	view: View,
	all: View[],
): Promise<string[]> {
	const expected = new Set(view.visible.map((p) => p.displayName));
	const others = [...new Set(all.flatMap((v) => v.visible))].filter(
		(p) => !expected.has(p.displayName),
	);
	const missing = await editor.missing(scope, view.visible);
	const extra = await editor.present(scope, others);
	return [
		...missing.map((n) => `parameter "${n}" is not on screen (${describeView(view)})`),
		...extra.map(
			(n) => `parameter "${n}" is on screen but should be hidden (${describeView(view)})`,
		),
	];
}

export async function runEditorChecks(page: Page, baseUrl: string, subject: Subject) {
	const { node, nodeViews, credential, credentialViews, docs } = subject;
	const editor = new Editor(page, baseUrl);
	const settings = page.locator('[data-test-id="ndv"] .node-settings');
	const params = () => editor.parameters;
	// The outermost parameter list ends with the last parameter; the panel goes on below it.
	const shoot = (name: string) =>
		editor.screenshot(
			settings,
			join(docs, name),
			params().locator('.parameter-input-list-wrapper').first(),
		);
	const nodeName = node.displayName;

	await check(
		'owner set up through the /setup form',
		async () => {
			const password = `Ui-${Date.now()}-test`;
			await editor.setUpOwner({
				email: 'owner@example.com',
				firstName: 'UI',
				lastName: 'Test',
				password,
			});
			return [];
		},
		{ required: true },
	);
	await check(
		`nodes panel lists "${nodeName}" when searching "Movilitas"`,
		async () => {
			await editor.openNewWorkflow();
			const listed = await editor.searchNodes('Movilitas', nodeName);
			if (listed.includes(nodeName)) return [];
			return [`the nodes panel lists [${listed.join(', ')}], not "${nodeName}"`];
		},
		{ required: true },
	);
	await check(
		`"${nodeName}" added; its parameter panel opens`,
		async () => {
			await editor.addNode(nodeName);
			return [];
		},
		{ required: true },
	);

	const [defaults, ...choices] = nodeViews;
	const manyControllers = controllers(node.properties).length > 1;
	await check(`node parameters shown with ${describeView(defaults)}`, async () => {
		const problems = await checkView(editor, params(), defaults, nodeViews);
		await shoot('editor-node-parameters.png');
		return problems;
	});
	for (const view of choices) {
		const { parameter, option } = view.choice!;
		const slug = `${manyControllers ? `${parameter.name}-` : ''}${String(option.value) || 'none'}`;
		await check(`node parameters shown with ${describeView(view)}`, async () => {
			await editor.selectOption(params(), parameter.name, option.name);
			const problems = await checkView(editor, params(), view, nodeViews);
			await shoot(`editor-node-parameters-${slug}.png`);
			return problems;
		});
		const back = defaultOption(parameter);
		await check(
			`node parameters shown after ${parameter.displayName} is back to ${back.name}`,
			async () => {
				await editor.selectOption(params(), parameter.name, back.name);
				return checkView(editor, params(), defaults, nodeViews);
			},
		);
	}

	for (const collection of defaults.visible.filter((p) => p.type === 'collection')) {
		const wanted = collectionOptions(collection);
		const button = collection.placeholder || collection.displayName;
		await check(`"${button}" offers every option of ${collection.displayName}`, async () => {
			const offered = await editor.collectionChoices();
			return wanted
				.filter((o) => !offered.includes(o))
				.map((o) => `option "${o}" is not offered (offered: ${offered.join(', ')})`);
		});
		await check(`every option of ${collection.displayName} is on screen once added`, async () => {
			for (const option of wanted) await editor.addCollectionOption(option);
			const added = (collection.options as INodeProperties[]).map((o) => ({
				...o,
				displayOptions: undefined,
			}));
			const missing = await editor.missing(params(), added);
			await shoot('editor-node-options.png');
			return missing.map((n) => `option "${n}" is not on screen after adding it`);
		});
	}

	let form = page.locator('[data-test-id="editCredential-modal"]');
	await check(
		`"Create new credential" opens the ${credential.displayName} form`,
		async () => {
			form = await editor.openNewCredential();
			return [];
		},
		{ required: true },
	);
	const [credentialDefaults, ...credentialChoices] = credentialViews;
	await check(`credential fields shown with ${describeView(credentialDefaults)}`, async () => {
		const problems = await checkView(editor, form, credentialDefaults, credentialViews);
		const last = credentialDefaults.visible[credentialDefaults.visible.length - 1];
		const lastInput = form.locator(`[data-test-id="parameter-input-${last.name}"]`);
		await editor.screenshot(form, join(docs, 'editor-credential.png'), lastInput);
		return problems;
	});
	for (const view of credentialChoices) {
		const { parameter, option } = view.choice!;
		await check(`credential fields shown with ${describeView(view)}`, async () => {
			await editor.selectOption(form, parameter.name, option.name);
			const problems = await checkView(editor, form, view, credentialViews);
			await editor.selectOption(form, parameter.name, defaultOption(parameter).name);
			return problems;
		});
	}
}
