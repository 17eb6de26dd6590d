import { readFileSync } from 'node:fs';

import type { ICredentialType, INodeExecutionData, INodeType } from 'n8n-workflow';

import {
	executeWorkflow,
	HarnessCredentialsHelper,
	packageNodeType,
	type WorkflowResult,
} from '../harness';
import {
	DEFAULT_API_KEY,
	DEFAULT_API_SECRET,
	DEFAULT_CHANNEL_KEY,
	DEFAULT_STATIC_TOKEN,
	startSandbox,
	type Sandbox,
	type SandboxOptions,
} from '../sandbox/server';

/** The node and credential classes to run: from the sources in tests, from dist/ in the demo. */
export interface PackageClasses {
	MovilitasDecommission: new () => INodeType;
	MovilitasApi: new () => ICredentialType;
}

export interface ExampleRun {
	result: WorkflowResult;
	sandbox: Sandbox;
	/** Output items of the Movilitas Decommission node(s), in order. */
	serials: INodeExecutionData[];
	/** Input items of the Movilitas node, to show which order or row a serial came from. */
	inputs: INodeExecutionData[];
	credentialsHelper: HarnessCredentialsHelper;
}

const MOVILITAS_TYPE = packageNodeType('movilitasDecommission');

/**
 * Runs an example workflow against a fresh sandbox, with every Movilitas credential the
 * workflow names pointing at it. The caller stops the sandbox (`run.sandbox.stop()`).
 */
export async function runExample(
	workflowPath: string,
	classes: PackageClasses,
	options: { sandbox?: SandboxOptions; authentication?: 'dynamic' | 'static' } = {},
): Promise<ExampleRun> {
	const workflow = JSON.parse(readFileSync(workflowPath, 'utf8')) as {
		nodes: Array<{
			name: string;
			type: string;
			credentials?: Record<string, { id: string; name: string }>;
		}>;
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	};
	const sandbox = await startSandbox({ port: 0, ...options.sandbox });
	try {
		const movilitasNodes = workflow.nodes.filter((node) => node.type === MOVILITAS_TYPE);
		const references = movilitasNodes.map((node) => node.credentials?.movilitasApi);
		const credentialsHelper = new HarnessCredentialsHelper({
			movilitasApi: new classes.MovilitasApi(),
		});
		credentialsHelper.addCredentials(
			references
				.filter((reference) => reference !== undefined)
				.map((reference) => ({
					...reference!,
					type: 'movilitasApi',
					data: {
						environment: 'custom',
						baseUrl: sandbox.url,
						authentication: options.authentication ?? 'dynamic',
						apiKey: DEFAULT_API_KEY,
						apiSecret: DEFAULT_API_SECRET,
						staticToken: DEFAULT_STATIC_TOKEN,
						channelSecretKey: DEFAULT_CHANNEL_KEY,
						accessToken: '',
					},
				})),
		);
		const result = await executeWorkflow({
			workflow: workflowPath,
			nodeTypes: { [MOVILITAS_TYPE]: new classes.MovilitasDecommission() },
			credentialTypes: { movilitasApi: new classes.MovilitasApi() },
			credentialsHelper,
		});
		const serials = movilitasNodes.flatMap((node) => result.output(node.name));
		const parents = movilitasNodes.flatMap((node) =>
			Object.entries(workflow.connections)
				.filter(([, c]) => c.main.some((targets) => targets.some((t) => t.node === node.name)))
				.map(([parent]) => parent),
		);
		const inputs = parents.flatMap((parent) => result.output(parent));
		return { result, sandbox, serials, inputs, credentialsHelper };
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
}
