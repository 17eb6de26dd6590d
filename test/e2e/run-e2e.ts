/**
 * End-to-end test: the packed package installed as a community package into a real n8n
 * (see install-n8n.ts), example workflows run with `n8n execute` against the local Movilitas
 * sandbox. Each scenario gets a fresh sandbox and a fresh N8N_USER_FOLDER.
 *
 * Prints PASS/FAIL per scenario and a last line "N passed, M failed"; exits 1 on any failure.
 * Environment: see test/e2e/README.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import {
	DEFAULT_API_KEY,
	DEFAULT_API_SECRET,
	DEFAULT_CHANNEL_KEY,
	DEFAULT_STATIC_TOKEN,
	startSandbox,
	type RecordedRequest,
	type Sandbox,
	type SandboxOptions,
	type SandboxProduct,
} from '../sandbox/server';
import { ensureN8n, type N8nInstall } from './install-n8n';
import {
	N8nInstance,
	nodeOutput,
	randomId,
	type CredentialImport,
	type ExecuteResult,
	type ExecutionRun,
	type ItemJson,
	type Timing,
	type WorkflowJson,
} from './n8n-cli';
import { killAllChildren, runCommand, tail } from './proc';

const PACKAGE_NAME = 'n8n-nodes-movilitas';
const NODE_TYPE = `${PACKAGE_NAME}.movilitasDecommission`;
const CREDENTIAL_TYPE = 'movilitasApi';
const EXAMPLE = 'examples/decommission-from-erp.workflow.json';
const FIXTURE = 'test/e2e/fixtures/decommission-from-erp.workflow.json';

const verbose = process.env.N8N_E2E_VERBOSE === '1';
const keep = process.env.N8N_E2E_KEEP === '1';
const only = process.env.N8N_E2E_ONLY;
const TOTAL_TIMEOUT_MS = Number(process.env.N8N_E2E_TOTAL_TIMEOUT_MS ?? 60 * 60_000);

const log = (line: string) => console.log(line);

// ---------------------------------------------------------------------------------------------
// Checks

class Checks {
	readonly results: Array<{ ok: boolean; message: string }> = [];

	ok(condition: unknown, message: string): boolean {
		this.results.push({ ok: Boolean(condition), message });
		return Boolean(condition);
	}

	equal<T>(actual: T, expected: T, message: string): boolean {
		const ok = JSON.stringify(actual) === JSON.stringify(expected);
		return this.ok(
			ok,
			ok
				? message
				: `${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
		);
	}

	get failed(): string[] {
		return this.results.filter((r) => !r.ok).map((r) => r.message);
	}
}

// ---------------------------------------------------------------------------------------------
// Cleanup on every way out

const cleanups = new Set<() => Promise<void> | void>();

async function runCleanups(): Promise<void> {
	for (const cleanup of [...cleanups].reverse()) {
		try {
			await cleanup();
		} catch {
			// best effort
		}
	}
	cleanups.clear();
	killAllChildren();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		console.error(`\nReceived ${signal}: stopping n8n and the sandbox...`);
		void runCleanups().finally(() => process.exit(130));
	});
}

// ---------------------------------------------------------------------------------------------
// Project, package, workflow

function findRepoRoot(): string {
	let dir = __dirname;
	for (;;) {
		const manifest = join(dir, 'package.json');
		// .tools/ holds a compiled copy of package.json: the root is where the sources are.
		if (existsSync(manifest) && existsSync(join(dir, 'tsconfig.tools.json'))) {
			try {
				if (
					(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
				) {
					return dir;
				}
			} catch {
				// keep looking
			}
		}
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`No ${PACKAGE_NAME} package.json above ${__dirname}`);
		dir = parent;
	}
}

async function packProject(repoRoot: string, destination: string): Promise<string> {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	for (const file of [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])]) {
		if (!existsSync(join(repoRoot, file))) {
			throw new Error(`${file} is missing: run npm run build first`);
		}
	}
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = await runCommand(
		npm,
		['pack', '--json', '--ignore-scripts', `--pack-destination=${destination}`],
		{ cwd: repoRoot, timeoutMs: 120_000 },
	);
	if (result.code !== 0) throw new Error(`npm pack failed:\n${tail(result.stderr)}`);
	const packed = JSON.parse(result.stdout) as Array<{ filename: string }>;
	return join(destination, packed[0].filename);
}

function loadExample(repoRoot: string): { workflow: WorkflowJson; source: string } {
	const source = existsSync(join(repoRoot, EXAMPLE)) ? EXAMPLE : FIXTURE;
	const workflow = JSON.parse(readFileSync(join(repoRoot, source), 'utf8')) as WorkflowJson;
	return { workflow, source };
}

function decommissionNodes(workflow: WorkflowJson) {
	return workflow.nodes.filter((node) => node.type === NODE_TYPE);
}

/** The example with its own id, the given credential on every Movilitas node, and options. */
function prepareWorkflow(
	example: WorkflowJson,
	credential: CredentialImport,
	options: Record<string, unknown> = {},
): WorkflowJson {
	const workflow = JSON.parse(JSON.stringify(example)) as WorkflowJson;
	workflow.id = randomId('wf');
	workflow.active = false;
	for (const node of decommissionNodes(workflow)) {
		node.credentials = { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
		const current = (node.parameters.options ?? {}) as Record<string, unknown>;
		node.parameters.options = { ...current, ...options };
	}
	return workflow;
}

/**
 * The workflow with an If node on `$json.success` after its first Movilitas node, added (with a
 * NoOp on each branch) when the workflow has none, as a user would build the failures branch.
 */
function withFailureBranch(workflow: WorkflowJson): WorkflowJson {
	if (ifAfterDecommission(workflow)) return workflow;
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	const source = decommissionNodes(copy)[0];
	const [x, y] = source.position;
	copy.nodes.push(
		{
			id: 'e2e-if-0000-0000-0000-000000000001',
			name: 'E2E success?',
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			position: [x + 220, y],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [
						{
							id: 'e2e-condition-success',
							leftValue: '={{ $json.success }}',
							rightValue: '',
							operator: { type: 'boolean', operation: 'true', singleValue: true },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
		},
		{
			id: 'e2e-noop-0000-0000-0000-000000000002',
			name: 'E2E decommissioned',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [x + 440, y - 100],
			parameters: {},
		},
		{
			id: 'e2e-noop-0000-0000-0000-000000000003',
			name: 'E2E failures',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [x + 440, y + 100],
			parameters: {},
		},
	);
	const outputs = (
		(copy.connections[source.name] ??= { main: [[]] }) as {
			main: Array<Array<{ node: string; type: string; index: number }>>;
		}
	).main;
	outputs[0] = [...(outputs[0] ?? []), { node: 'E2E success?', type: 'main', index: 0 }];
	copy.connections['E2E success?'] = {
		main: [
			[{ node: 'E2E decommissioned', type: 'main', index: 0 }],
			[{ node: 'E2E failures', type: 'main', index: 0 }],
		],
	};
	return copy;
}

/** Name of the If node fed by a Movilitas node, if the workflow has one. */
function ifAfterDecommission(workflow: WorkflowJson): string | undefined {
	for (const node of decommissionNodes(workflow)) {
		const outputs = (workflow.connections[node.name] as { main?: Array<Array<{ node: string }>> })
			?.main;
		for (const target of outputs?.[0] ?? []) {
			const next = workflow.nodes.find((candidate) => candidate.name === target.node);
			if (next?.type === 'n8n-nodes-base.if') return next.name;
		}
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Credentials

/** Every key, secret and token put into a credential: none may appear in n8n's output. */
const credentialSecrets = new Set<string>();

function remember(credential: CredentialImport): CredentialImport {
	for (const field of ['apiKey', 'apiSecret', 'staticToken', 'channelKey', 'accessToken']) {
		const value = credential.data[field];
		if (typeof value === 'string' && value !== '') credentialSecrets.add(value);
	}
	return credential;
}

function dynamicCredential(
	sandbox: Sandbox,
	overrides: Record<string, unknown> = {},
): CredentialImport {
	return remember({
		id: randomId('cr'),
		name: 'Movilitas sandbox (dynamic token)',
		type: CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			baseUrl: sandbox.url,
			tokenType: 'dynamic',
			apiKey: DEFAULT_API_KEY,
			apiSecret: DEFAULT_API_SECRET,
			staticToken: '',
			channelKey: DEFAULT_CHANNEL_KEY,
			accessToken: '',
			...overrides,
		},
	});
}

function staticCredential(sandbox: Sandbox): CredentialImport {
	return remember({
		id: randomId('cr'),
		name: 'Movilitas sandbox (static token)',
		type: CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			baseUrl: sandbox.url,
			tokenType: 'static',
			apiKey: '',
			apiSecret: '',
			staticToken: DEFAULT_STATIC_TOKEN,
			channelKey: DEFAULT_CHANNEL_KEY,
			accessToken: '',
		},
	});
}

// ---------------------------------------------------------------------------------------------
// Environment of one scenario

interface Shared {
	install: N8nInstall;
	tarball: string;
	example: WorkflowJson;
	exampleSource: string;
	/** Serials the example decommissioned in the first scenario, for the failures scenario. */
	exampleSerials?: Array<{ productCode: string; serial: string; marketId: string | null }>;
	timings: Timing[];
}

interface Env {
	sandbox: Sandbox;
	n8n: N8nInstance;
	shared: Shared;
	checks: Checks;
}

async function withEnvironment(
	shared: Shared,
	checks: Checks,
	sandboxOptions: SandboxOptions,
	body: (env: Env) => Promise<void>,
): Promise<void> {
	const sandbox = await startSandbox({ port: 0, ...sandboxOptions });
	const stopSandbox = () => sandbox.stop();
	cleanups.add(stopSandbox);
	const n8n = N8nInstance.create(shared.install, { keep, verbose, log });
	const disposeN8n = () => n8n.dispose();
	cleanups.add(disposeN8n);
	try {
		await n8n.installPackage(shared.tarball);
		await body({ sandbox, n8n, shared, checks });
	} finally {
		shared.timings.push(...n8n.timings);
		await sandbox.stop();
		cleanups.delete(stopSandbox);
		n8n.dispose();
		cleanups.delete(disposeN8n);
	}
}

// ---------------------------------------------------------------------------------------------
// Reusable checks

function decommissionRequests(sandbox: Sandbox, from = 0): RecordedRequest[] {
	return sandbox.state.requests.slice(from).filter((r) => r.route === 'decommission');
}

function authRequests(sandbox: Sandbox, from = 0): RecordedRequest[] {
	return sandbox.state.requests.slice(from).filter((r) => r.route === 'auth');
}

/** Serials the sandbox was asked to decommission, from the request bodies. */
function requestedSerials(requests: RecordedRequest[]): string[] {
	const serials: string[] = [];
	for (const request of requests) {
		const body = request.body as { serials?: unknown } | undefined;
		if (body && Array.isArray(body.serials)) {
			for (const entry of body.serials) {
				if (typeof entry === 'string') serials.push(entry);
				else if (entry && typeof entry === 'object' && 'serial_number' in entry) {
					serials.push(String((entry as { serial_number: unknown }).serial_number));
				}
			}
		}
	}
	return serials;
}

function describeFailure(result: ExecuteResult): string {
	const error = result.run?.data.resultData.error;
	if (error) return `${error.message ?? ''} ${error.description ?? ''}`.trim();
	return tail(result.output, 15);
}

function checkRunSucceeded(
	checks: Checks,
	result: ExecuteResult,
	label: string,
): result is ExecuteResult & { run: ExecutionRun } {
	const printed = result.run
		? `${label}: n8n printed the execution JSON`
		: `${label}: n8n printed no execution JSON (exit ${result.process.code}):\n${tail(result.output, 20)}`;
	if (!checks.ok(result.run, printed)) return false;
	checks.equal(result.process.code, 0, `${label}: n8n execute exit code`);
	checks.ok(
		!result.run!.data.resultData.error,
		`${label}: execution has no error${result.run!.data.resultData.error ? ` (${describeFailure(result)})` : ''}`,
	);
	checks.equal(result.run!.status, 'success', `${label}: execution status`);
	return true;
}

function movilitasOutput(workflow: WorkflowJson, run: ExecutionRun): ItemJson[] {
	return decommissionNodes(workflow).flatMap((node) => nodeOutput(run, node.name, 0));
}

function checkItemShape(checks: Checks, items: ItemJson[], label: string): void {
	const malformed = items.filter(
		(item) =>
			typeof item.json.serial_number !== 'string' ||
			typeof item.json.status !== 'string' ||
			typeof item.json.success !== 'boolean',
	);
	checks.equal(
		malformed.map((item) => item.json),
		[],
		`${label}: every output item has serial_number (string), status (string), success (boolean)`,
	);
}

function checkNoSecrets(checks: Checks, sandbox: Sandbox, output: string, label: string): void {
	const secrets = [
		DEFAULT_API_SECRET,
		DEFAULT_API_KEY,
		DEFAULT_STATIC_TOKEN,
		DEFAULT_CHANNEL_KEY,
		...credentialSecrets,
		...sandbox.state.tokensIssued,
	];
	const leaked = secrets.filter((secret) => secret && output.includes(secret));
	checks.equal(
		leaked.map((secret) => `${secret.slice(0, 6)}… (${secret.length} chars)`),
		[],
		`${label}: no API key, secret, token or channel key in n8n's output`,
	);
}

function checkDecommissioned(
	checks: Checks,
	sandbox: Sandbox,
	items: ItemJson[],
	label: string,
): void {
	const wrong = items
		.filter((item) => item.json.success === true)
		.map((item) => ({
			serial: String(item.json.serial_number),
			product: String(item.json.product_code),
			state: sandbox.state.serialStatus(
				String(item.json.product_code),
				String(item.json.serial_number),
			),
		}))
		.filter((entry) => entry.state !== 'Decommissioned');
	checks.equal(
		wrong,
		[],
		`${label}: every serial reported successful is Decommissioned in the sandbox`,
	);
}

/** The hidden accessToken n8n holds for the credential now; checked to be a non-empty string. */
async function storedToken(
	checks: Checks,
	n8n: N8nInstance,
	credential: CredentialImport,
	label: string,
): Promise<string | undefined> {
	const stored = await n8n.exportCredential(credential.id);
	const token = (stored.data as Record<string, unknown> | undefined)?.accessToken;
	const ok = checks.ok(
		typeof token === 'string' && token.length > 0,
		`${label}: the exported credential holds an access token (${typeof token === 'string' ? `${token.length} chars` : typeof token})`,
	);
	return ok ? (token as string) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface Scenario {
	name: string;
	run: (shared: Shared, checks: Checks) => Promise<void>;
}

const scenarios: Scenario[] = [
	{
		name: 'ERP example workflow, dynamic token: serials decommissioned, one token for the run',
		run: (shared, checks) =>
			withEnvironment(shared, checks, {}, async ({ sandbox, n8n }) => {
				const credential = dynamicCredential(sandbox);
				const workflow = prepareWorkflow(shared.example, credential);
				await n8n.importCredentials([credential]);
				await n8n.importWorkflow(workflow);
				const result = await n8n.execute(workflow.id!);
				checkNoSecrets(checks, sandbox, result.output, 'run');
				if (!checkRunSucceeded(checks, result, 'run')) return;

				const items = movilitasOutput(workflow, result.run);
				checks.ok(
					items.length >= 2,
					`the Movilitas node put out ${items.length} items (at least 2 expected)`,
				);
				checkItemShape(checks, items, 'output');
				const failed = items.filter((item) => item.json.success !== true);
				checks.equal(
					failed.map((item) => item.json),
					[],
					'every serial succeeded against a sandbox where all are Commissioned',
				);
				checks.ok(
					items.every((item) => /decommissioned/i.test(String(item.json.status))),
					`every status reads Decommissioned (${[...new Set(items.map((i) => i.json.status))].join(', ')})`,
				);
				checkDecommissioned(checks, sandbox, items, 'sandbox');
				const requests = decommissionRequests(sandbox);
				checks.equal(
					[...requestedSerials(requests)].sort(),
					items.map((item) => String(item.json.serial_number)).sort(),
					'the serials sent are exactly the serials in the output',
				);
				checks.equal(authRequests(sandbox).length, 1, 'exactly one /v1/api_auth call');
				checks.ok(requests.length >= 1, `${requests.length} decommission request(s)`);
				const token = sandbox.state.tokensIssued[0];
				checks.ok(
					requests.every((r) => r.headers['x-access-token'] === token),
					'every decommission request carried the issued token',
				);
				checks.ok(
					requests.every((r) => r.headers['x-channel-key'] === DEFAULT_CHANNEL_KEY),
					'every decommission request carried the channel key',
				);

				const ifNode = ifAfterDecommission(workflow);
				if (ifNode) {
					checks.equal(
						nodeOutput(result.run, ifNode, 0).length,
						items.length,
						`If node "${ifNode}": every item on the success branch`,
					);
					checks.equal(
						nodeOutput(result.run, ifNode, 1).length,
						0,
						`If node "${ifNode}": failures branch empty`,
					);
				}

				shared.exampleSerials = items.map((item) => ({
					productCode: String(item.json.product_code),
					serial: String(item.json.serial_number),
					marketId: (item.json.market_id as string | null | undefined) ?? null,
				}));
			}),
	},
	{
		name: 'Token stored by n8n: several requests in one run and a second run reuse one token',
		run: (shared, checks) =>
			withEnvironment(shared, checks, {}, async ({ sandbox, n8n }) => {
				const credential = dynamicCredential(sandbox);
				const workflow = prepareWorkflow(shared.example, credential, { batchSize: 1 });
				await n8n.importCredentials([credential]);
				await n8n.importWorkflow(workflow);

				const first = await n8n.execute(workflow.id!);
				checkNoSecrets(checks, sandbox, first.output, 'run 1');
				if (!checkRunSucceeded(checks, first, 'run 1')) return;
				const items = movilitasOutput(workflow, first.run);
				const requests = decommissionRequests(sandbox);
				checks.ok(
					requests.length >= 2 && requests.length === items.length,
					`run 1: batch size 1 gave one request per serial (${requests.length} requests, ${items.length} serials)`,
				);
				checks.equal(
					authRequests(sandbox).length,
					1,
					'run 1: one /v1/api_auth call for all requests',
				);
				const token = sandbox.state.tokensIssued[0];
				checks.ok(token, 'run 1: the sandbox issued a token');
				checks.equal(
					await storedToken(checks, n8n, credential, 'run 1'),
					token,
					'run 1: n8n stored the issued token in the credential',
				);

				const mark = sandbox.state.requests.length;
				const second = await n8n.execute(workflow.id!);
				checkNoSecrets(checks, sandbox, second.output, 'run 2');
				if (!checkRunSucceeded(checks, second, 'run 2')) return;
				checks.equal(
					authRequests(sandbox, mark).length,
					0,
					'run 2: no /v1/api_auth call (stored token reused)',
				);
				const again = decommissionRequests(sandbox, mark);
				checks.ok(
					again.length >= 1 && again.every((r) => r.headers['x-access-token'] === token),
					'run 2: every request carried the token stored in run 1',
				);
				const secondItems = movilitasOutput(workflow, second.run);
				checks.ok(
					secondItems.length === items.length &&
						secondItems.every((item) => item.json.success === true),
					'run 2: already decommissioned serials still count as successful',
				);
			}),
	},
	{
		name: 'Token refresh by n8n: a token used up mid-run and between runs is replaced and stored',
		run: (shared, checks) =>
			withEnvironment(shared, checks, { expireTokenAfterRequests: 1 }, async ({ sandbox, n8n }) => {
				const credential = dynamicCredential(sandbox);
				const workflow = prepareWorkflow(shared.example, credential, { batchSize: 1 });
				await n8n.importCredentials([credential]);
				await n8n.importWorkflow(workflow);

				const first = await n8n.execute(workflow.id!);
				checkNoSecrets(checks, sandbox, first.output, 'run 1');
				if (!checkRunSucceeded(checks, first, 'run 1')) return;
				const items = movilitasOutput(workflow, first.run);
				checkItemShape(checks, items, 'run 1');
				checks.equal(
					items.filter((item) => item.json.success !== true).map((item) => item.json),
					[],
					'run 1: every serial succeeded despite tokens expiring after one request',
				);
				checkDecommissioned(checks, sandbox, items, 'run 1');
				const issued = sandbox.state.tokensIssued;
				checks.ok(
					issued.length >= 2 && issued.length === items.length,
					`run 1: a new token for each request (${issued.length} tokens, ${items.length} serials)`,
				);
				const refused = decommissionRequests(sandbox).filter((r) => r.status === 401);
				checks.equal(
					refused.length,
					items.length - 1,
					'run 1: each used-up token was refused once (401)',
				);
				checks.equal(new Set(issued).size, issued.length, 'run 1: every issued token is new');
				const stored = await storedToken(checks, n8n, credential, 'run 1');
				checks.equal(stored, issued[issued.length - 1], 'run 1: n8n stored the newest token');

				const mark = sandbox.state.requests.length;
				const issuedBefore = issued.length;
				const second = await n8n.execute(workflow.id!);
				checkNoSecrets(checks, sandbox, second.output, 'run 2');
				if (!checkRunSucceeded(checks, second, 'run 2')) return;
				const again = decommissionRequests(sandbox, mark);
				checks.ok(
					stored !== undefined && again[0]?.headers['x-access-token'] === stored,
					'run 2: the first request carried the token stored by run 1',
				);
				checks.equal(again[0]?.status, 401, 'run 2: that used-up token was refused');
				checks.ok(
					sandbox.state.tokensIssued.length > issuedBefore,
					'run 2: n8n fetched a new token after the refusal',
				);
				const secondItems = movilitasOutput(workflow, second.run);
				checks.ok(
					secondItems.length === items.length &&
						secondItems.every((item) => item.json.success === true),
					'run 2: every serial succeeded',
				);
				const latest = sandbox.state.tokensIssued[sandbox.state.tokensIssued.length - 1];
				checks.equal(
					await storedToken(checks, n8n, credential, 'run 2'),
					latest,
					'run 2: n8n stored the newest token',
				);
			}),
	},
	{
		name: 'Static token: no /v1/api_auth call at all',
		run: (shared, checks) =>
			withEnvironment(shared, checks, {}, async ({ sandbox, n8n }) => {
				const credential = staticCredential(sandbox);
				const workflow = prepareWorkflow(shared.example, credential);
				await n8n.importCredentials([credential]);
				await n8n.importWorkflow(workflow);
				const result = await n8n.execute(workflow.id!);
				checkNoSecrets(checks, sandbox, result.output, 'run');
				if (!checkRunSucceeded(checks, result, 'run')) return;
				const items = movilitasOutput(workflow, result.run);
				checkItemShape(checks, items, 'output');
				checks.ok(
					items.length >= 2 && items.every((item) => item.json.success === true),
					`every serial succeeded (${items.length} items)`,
				);
				checkDecommissioned(checks, sandbox, items, 'sandbox');
				checks.equal(authRequests(sandbox).length, 0, 'no /v1/api_auth call');
				checks.equal(sandbox.state.tokensIssued.length, 0, 'no token issued');
				const requests = decommissionRequests(sandbox);
				checks.ok(
					requests.length >= 1 &&
						requests.every((r) => r.headers['x-access-token'] === DEFAULT_STATIC_TOKEN),
					'every request carried the static token',
				);
			}),
	},
	{
		name: 'Failures branch: a serial Movilitas does not know comes out with success false',
		run: (shared, checks) => {
			const serials = shared.exampleSerials ?? [];
			if (!checks.ok(serials.length >= 2, 'the first scenario gave the example serials')) {
				return Promise.resolve();
			}
			const missing = serials[serials.length - 1];
			const products = new Map<string, SandboxProduct>();
			for (const entry of serials) {
				const product = products.get(entry.productCode) ?? {
					productCode: entry.productCode,
					...(entry.marketId ? { marketId: entry.marketId as SandboxProduct['marketId'] } : {}),
					serials: [],
				};
				if (entry !== missing) product.serials!.push(entry.serial);
				products.set(entry.productCode, product);
			}
			const options: SandboxOptions = {
				anySerialCommissioned: false,
				unknownSerial: 'status',
				products: [...products.values()],
			};
			return withEnvironment(shared, checks, options, async ({ sandbox, n8n }) => {
				const credential = dynamicCredential(sandbox);
				const workflow = prepareWorkflow(withFailureBranch(shared.example), credential);
				await n8n.importCredentials([credential]);
				await n8n.importWorkflow(workflow);
				const result = await n8n.execute(workflow.id!);
				checkNoSecrets(checks, sandbox, result.output, 'run');
				if (!checkRunSucceeded(checks, result, 'run')) return;
				const items = movilitasOutput(workflow, result.run);
				checkItemShape(checks, items, 'output');
				const failures = items.filter((item) => item.json.success !== true);
				checks.equal(
					failures.map((item) => item.json.serial_number),
					[missing.serial],
					'exactly the unknown serial failed',
				);
				checks.ok(
					sandbox.state.serialStatus(missing.productCode, missing.serial) !== 'Decommissioned',
					'the unknown serial is not Decommissioned in the sandbox',
				);
				checkDecommissioned(checks, sandbox, items, 'sandbox');
				const ifNode = ifAfterDecommission(workflow);
				if (checks.ok(ifNode, 'the workflow has an If node after the Movilitas node') && ifNode) {
					checks.equal(
						nodeOutput(result.run, ifNode, 1).map((item) => item.json.serial_number),
						[missing.serial],
						`If node "${ifNode}": the failure on the false branch`,
					);
					checks.equal(
						nodeOutput(result.run, ifNode, 0).length,
						items.length - 1,
						`If node "${ifNode}": the others on the true branch`,
					);
				}
			});
		},
	},
	{
		name: 'Wrong API secret: the run fails with a clear error and no secret in the output',
		run: (shared, checks) =>
			withEnvironment(shared, checks, {}, async ({ sandbox, n8n }) => {
				const credential = dynamicCredential(sandbox, { apiSecret: 'wrong-secret-e2e-4711' });
				const workflow = prepareWorkflow(shared.example, credential);
				await n8n.importCredentials([credential]);
				await n8n.importWorkflow(workflow);
				const result = await n8n.execute(workflow.id!);
				checkNoSecrets(checks, sandbox, result.output, 'run');
				checks.ok(
					!result.output.includes('wrong-secret-e2e-4711'),
					'the wrong secret is not in the output',
				);
				checks.ok(
					result.process.code !== 0,
					`n8n execute exits non-zero (exit ${result.process.code})`,
				);
				checks.ok(result.run, 'n8n printed the execution JSON');
				const error = result.run?.data.resultData.error;
				checks.ok(error?.message, `the execution carries an error (${describeFailure(result)})`);
				checks.equal(decommissionRequests(sandbox).length, 0, 'no decommission request was sent');
				checks.ok(
					authRequests(sandbox).length >= 1,
					'the key and secret were tried at /v1/api_auth',
				);
				if (verbose && error) log(`    error: ${JSON.stringify(error).slice(0, 600)}`);
			}),
	},
];

// ---------------------------------------------------------------------------------------------

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

function summarizeTimings(timings: Timing[]): string {
	const byCommand = new Map<string, number[]>();
	for (const timing of timings) {
		byCommand.set(timing.command, [...(byCommand.get(timing.command) ?? []), timing.ms]);
	}
	return [...byCommand.entries()]
		.map(([command, list]) => {
			const mean = list.reduce((a, b) => a + b, 0) / list.length;
			return `${command} ${seconds(mean)} avg (${list.length}x)`;
		})
		.join(', ');
}

async function main(): Promise<number> {
	const started = Date.now();
	const watchdog = setTimeout(() => {
		console.error(`\nEnd-to-end test still running after ${seconds(TOTAL_TIMEOUT_MS)}: giving up.`);
		void runCleanups().finally(() => {
			console.log('0 passed, 1 failed');
			process.exit(1);
		});
	}, TOTAL_TIMEOUT_MS);
	watchdog.unref();

	const repoRoot = findRepoRoot();
	const install = await ensureN8n(log);
	log(
		`n8n ${install.version}: ${install.installed ? `installed in ${seconds(install.durationMs)}` : 'cached'} at ${install.root}`,
	);
	const packDir = mkdtempSync(join(tmpdir(), 'movilitas-e2e-pack-'));
	cleanups.add(() => rmSync(packDir, { recursive: true, force: true }));
	const tarball = await packProject(repoRoot, packDir);
	const { workflow: example, source } = loadExample(repoRoot);
	log(`Package ${tarball.split('/').pop()}; example workflow ${source}`);
	if (decommissionNodes(example).length === 0) {
		throw new Error(`${source} has no ${NODE_TYPE} node`);
	}

	const shared: Shared = { install, tarball, example, exampleSource: source, timings: [] };
	let passed = 0;
	let failed = 0;
	for (const scenario of scenarios) {
		if (only && !scenario.name.toLowerCase().includes(only.toLowerCase())) continue;
		const checks = new Checks();
		const scenarioStart = Date.now();
		let crash: Error | undefined;
		try {
			await scenario.run(shared, checks);
		} catch (error) {
			crash = error as Error;
		}
		const problems = [...checks.failed, ...(crash ? [`error: ${crash.message}`] : [])];
		if (problems.length === 0 && checks.results.length > 0) {
			passed++;
			log(
				`PASS ${scenario.name} (${checks.results.length} checks, ${seconds(Date.now() - scenarioStart)})`,
			);
		} else {
			failed++;
			log(`FAIL ${scenario.name} (${seconds(Date.now() - scenarioStart)})`);
			if (checks.results.length === 0 && !crash) problems.push('no check ran');
			for (const problem of problems) log(`     - ${problem.split('\n').join('\n       ')}`);
		}
		if (verbose) {
			for (const result of checks.results)
				log(`     ${result.ok ? 'ok  ' : 'FAIL'} ${result.message}`);
		}
	}

	await runCleanups();
	clearTimeout(watchdog);
	log(`Timings: ${summarizeTimings(shared.timings)}; total ${seconds(Date.now() - started)}`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	async (error: Error) => {
		console.error(`End-to-end test could not run: ${error.stack ?? error.message}`);
		await runCleanups();
		console.log('0 passed, 1 failed');
		process.exit(1);
	},
);
