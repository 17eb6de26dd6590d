/**
 * The environment of one scenario: its own sandbox on a free port and its own throw-away n8n
 * with the package installed, and the steps every scenario takes in it (import, execute).
 */
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';
import { checkNoSecrets, checkRunSucceeded, type Checks } from './checks';
import { onCleanup } from './cleanup';
import type { N8nInstall } from './install-n8n';
import {
	N8nInstance,
	type CredentialImport,
	type ExecuteResult,
	type ExecutionRun,
	type Timing,
	type WorkflowJson,
} from './n8n-cli';
import { keep, log, verbose } from './settings';
import { prepareWorkflow, type Example, type ExampleName } from './workflow-prep';
import { checkZodFromN8n } from './zod-check';

/** What every scenario shares: n8n, the packed package, the examples, the timings so far. */
export interface Shared {
	install: N8nInstall;
	tarball: string;
	examples: Record<ExampleName, Example>;
	timings: Timing[];
}

export interface Env {
	sandbox: Sandbox;
	n8n: N8nInstance;
	shared: Shared;
	checks: Checks;
}

export interface Scenario {
	name: string;
	/** Settings of the scenario's sandbox. */
	sandbox?: SandboxOptions;
	run: (env: Env) => Promise<void>;
}

export async function withEnvironment(
	shared: Shared,
	checks: Checks,
	sandboxOptions: SandboxOptions,
	body: (env: Env) => Promise<void>,
): Promise<void> {
	const sandbox = await startSandbox({ port: 0, ...sandboxOptions });
	const stopSandbox = onCleanup(() => sandbox.stop());
	const n8n = N8nInstance.create(shared.install, { keep, verbose, log });
	const disposeN8n = onCleanup(() => n8n.dispose());
	try {
		const installed = await n8n.installPackage(shared.tarball);
		await checkZodFromN8n(checks, shared.install, installed.dir);
		await body({ sandbox, n8n, shared, checks });
	} finally {
		shared.timings.push(...n8n.timings);
		await stopSandbox();
		await disposeN8n();
	}
}

/** Imports the credential and the example prepared with it; the workflow as imported. */
export async function importExample(
	env: Env,
	example: ExampleName,
	credential: CredentialImport,
	options: Record<string, unknown> = {},
	extend: (workflow: WorkflowJson) => WorkflowJson = (workflow) => workflow,
): Promise<WorkflowJson> {
	const workflow = extend(
		prepareWorkflow(env.shared.examples[example].workflow, credential, options),
	);
	await env.n8n.importCredentials([credential]);
	await env.n8n.importWorkflow(workflow);
	return workflow;
}

/** `n8n execute --id`, with n8n's output checked for secrets. */
export async function execute(
	env: Env,
	workflow: WorkflowJson,
	label: string,
): Promise<ExecuteResult> {
	const result = await env.n8n.execute(workflow.id!);
	checkNoSecrets(env.checks, env.sandbox, result.output, label);
	return result;
}

/** execute(), with the run checked to have succeeded: the run, or undefined when it failed. */
export async function executeSuccessfully(
	env: Env,
	workflow: WorkflowJson,
	label: string,
): Promise<ExecutionRun | undefined> {
	const result = await execute(env, workflow, label);
	return checkRunSucceeded(env.checks, result, label) ? result.run : undefined;
}
