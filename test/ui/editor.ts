/**
 * The steps a person takes in n8n's editor (2.8), by the editor's own `data-test-id`s: set up
 * the owner, open a new workflow, find and add a node, switch a parameter, open the credential
 * form, and read what is on screen.
 */
import type { Locator, Page } from 'playwright-core';
import type { INodeProperties } from 'n8n-workflow';

const STEP_TIMEOUT_MS = 20_000;

export const testId = (scope: Page | Locator, id: string): Locator =>
	scope.locator(`[data-test-id="${id}"]`);

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The label of a parameter: the text span of an input label holding its display name alone,
 * maybe with the required mark. (The whole label also holds the hidden Fixed/Expression toggle.)
 */
function label(scope: Locator, displayName: string): Locator {
	return scope
		.locator('label.n8n-input-label span.n8n-text')
		.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(displayName)}\\s*\\*?\\s*$`) });
}

/** Where a property shows on screen: a notice by its text, anything else by its label. */
function onScreen(scope: Locator, property: INodeProperties): Locator {
	if (property.type === 'notice') return scope.getByText(property.displayName.slice(0, 60));
	return label(scope, property.displayName);
}

async function shown(locator: Locator): Promise<boolean> {
	const first = locator.first();
	try {
		await first.waitFor({ state: 'visible', timeout: 3_000 });
		await first.scrollIntoViewIfNeeded({ timeout: 3_000 });
		return await first.isVisible();
	} catch {
		return false;
	}
}

export class Editor {
	constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {
		page.setDefaultTimeout(STEP_TIMEOUT_MS);
	}

	/** The owner set up through the /setup form, as on a fresh instance. */
	async setUpOwner(owner: {
		email: string;
		firstName: string;
		lastName: string;
		password: string;
	}) {
		await this.page.goto(`${this.baseUrl}/`);
		await this.page.waitForURL((url) => url.pathname.startsWith('/setup'));
		for (const [field, value] of Object.entries(owner)) {
			await this.page.locator(`input[name="${field}"]`).fill(value);
		}
		await testId(this.page, 'form-submit-button').click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/setup'));
	}

	async openNewWorkflow() {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await testId(this.page, 'node-creator-plus-button').waitFor();
	}

	/** Opens the nodes panel, searches `text` and returns the names it lists. */
	async searchNodes(text: string, expected: string): Promise<string[]> {
		await testId(this.page, 'node-creator-plus-button').click();
		await testId(this.page, 'node-creator-search-bar').fill(text);
		const items = testId(testId(this.page, 'node-creator'), 'item-iterator-item');
		// The list follows the search after a debounce: wait for the node, or give up and report.
		await items
			.filter({ hasText: expected })
			.first()
			.waitFor({ timeout: 10_000 })
			.catch(() => undefined);
		const texts = await items.allInnerTexts();
		return texts.map((t) => t.split('\n')[0].trim()).filter(Boolean);
	}

	/** Picks a node in the panel's results and adds it; its parameter panel (NDV) opens. */
	async addNode(name: string) {
		await testId(testId(this.page, 'node-creator'), 'item-iterator-item')
			.filter({ hasText: name })
			.first()
			.click();
		// A community node first shows its details with an "Add to workflow" button.
		const add = this.page.getByRole('button', { name: 'Add to workflow' });
		const ndv = testId(this.page, 'ndv');
		await Promise.race([add.waitFor(), ndv.waitFor()]);
		if (await add.isVisible()) await add.click();
		await testId(ndv, 'node-parameters').waitFor();
	}

	get ndv(): Locator {
		return testId(this.page, 'ndv');
	}

	get parameters(): Locator {
		return testId(this.ndv, 'node-parameters');
	}

	/** Chooses `optionName` in the select of parameter `name` inside `scope`. */
	async selectOption(scope: Locator, name: string, optionName: string) {
		const input = testId(scope, `parameter-input-${name}`);
		await input.click();
		const popper = this.page.locator('.el-popper[aria-hidden="false"]');
		// An option's accessible name includes its description: match the name line exactly.
		await popper
			.getByRole('option')
			.filter({ has: this.page.getByText(optionName, { exact: true }) })
			.first()
			.click();
		await popper.waitFor({ state: 'hidden' }).catch(() => undefined);
		const inputs = input.locator('input');
		const value = (await inputs.count()) ? await inputs.first().inputValue() : '';
		const text = (await input.textContent()) ?? '';
		if (value !== optionName && !text.includes(optionName)) {
			throw new Error(`${name} shows "${value || text.trim()}" after choosing "${optionName}"`);
		}
	}

	/** Display names of `expected` not on screen in `scope`. */
	async missing(scope: Locator, expected: INodeProperties[]): Promise<string[]> {
		const result: string[] = [];
		for (const property of expected) {
			if (!(await shown(onScreen(scope, property)))) result.push(property.displayName);
		}
		return result;
	}

	/** Display names of `absent` that are on screen in `scope` although they should not be. */
	async present(scope: Locator, absent: INodeProperties[]): Promise<string[]> {
		const result: string[] = [];
		for (const property of absent) {
			if (await onScreen(scope, property).first().isVisible()) result.push(property.displayName);
		}
		return result;
	}

	/** Options a collection offers in its "Add Option" list. */
	async collectionChoices(): Promise<string[]> {
		await testId(this.parameters, 'collection-parameter-add').first().click();
		const options = this.page.locator('[data-test-id="collection-parameter-option"]:visible');
		await options.first().waitFor();
		return (await options.allInnerTexts()).map((t) => t.trim());
	}

	/**
	 * Adds one option of a collection; it shows as a parameter of its own. With one option left,
	 * "Add Option" adds it at once instead of opening the list.
	 */
	async addCollectionOption(optionName: string) {
		const added = label(this.parameters, optionName).first();
		const options = this.page.locator('[data-test-id="collection-parameter-option"]:visible');
		// A list that is closing still counts as visible for a moment: wait until it is gone,
		// unless it stays open (as collectionChoices leaves it), then pick from it.
		const open = await options
			.first()
			.waitFor({ state: 'hidden', timeout: 2_000 })
			.then(
				() => false,
				() => true,
			);
		if (!open) await testId(this.parameters, 'collection-parameter-add').first().click();
		const option = options.filter({
			hasText: new RegExp(`^\\s*${escapeRegExp(optionName)}\\s*$`),
		});
		await Promise.race([option.waitFor(), added.waitFor()]);
		if (!(await added.isVisible())) await option.click();
		await added.waitFor();
	}

	/** Opens "Create new credential" from the node's credential select; returns the form. */
	async openNewCredential(): Promise<Locator> {
		await testId(this.ndv, 'node-credentials-select').click();
		await testId(this.page, 'node-credentials-select-item-new').click();
		const modal = testId(this.page, 'editCredential-modal');
		await testId(modal, 'credential-connection-parameter').first().waitFor();
		return modal;
	}

	/**
	 * Screenshot of `target` without hover or focus decorations; with `last`, cut just below it
	 * (so that a picture ends with the last parameter, not half-way through n8n's own fields).
	 */
	async screenshot(target: Locator, path: string, last?: Locator) {
		await this.page.mouse.move(1, 1);
		// A string, evaluated in the page: this project compiles without the DOM types.
		await this.page.evaluate('document.activeElement && document.activeElement.blur()');
		// Back to the top of every scrolled panel inside the target, for a picture from the start.
		await target.evaluate((root) => {
			for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
				if (element.scrollTop > 0) element.scrollTop = 0;
			}
		});
		await this.page.waitForTimeout(300);
		const box = await target.boundingBox();
		if (!box) throw new Error(`nothing to take a screenshot of for ${path}`);
		const end = last ? await last.boundingBox() : null;
		const height = end ? Math.min(box.height, end.y + end.height + 24 - box.y) : box.height;
		await this.page.screenshot({
			path,
			clip: { x: box.x, y: box.y, width: box.width, height },
			animations: 'disabled',
		});
	}
}
