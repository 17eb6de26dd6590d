import './user-folder';

import { readFileSync } from 'node:fs';

import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
// A deep import, pinned to n8n-core 2.8.1 (the dev dependency): SSHClientsManager is not exported
// from n8n-core's index, but WorkflowExecute needs it in the DI container. On an n8n-core upgrade,
// check that this path still exists; if it moved, import it from there, or from n8n-core if exported.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	ApplicationError,
	Workflow,
	type ExecutionBaseError,
	type ICredentialType,
	type INodeExecutionData,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HarnessCredentialsHelper, type HarnessCredential } from './credentials-helper';
import { coreNodeTypes } from './core-nodes';
import { HarnessNodeTypes, type NodeTypeMap } from './node-types';

type WorkflowJson = Pick<IWorkflowBase, 'nodes' | 'connections'> &
	Partial<Pick<IWorkflowBase, 'id' | 'name' | 'settings' | 'pinData' | 'staticData'>>;

export interface ExecuteWorkflowOptions {
	/** Workflow object, or path to a *.workflow.json export. */
	workflow: WorkflowJson | string;
	/** Merged over the n8n-nodes-base stand-ins. */
	nodeTypes: NodeTypeMap;
	credentialTypes: Record<string, ICredentialType>;
	credentials?: HarnessCredential[];
	/** Pass one to share its credential store (and counters) across runs. */
	credentialsHelper?: HarnessCredentialsHelper;
}

export interface WorkflowResult {
	run: IRun;
	/** `resultData.error`: set when the run failed. */
	error?: ExecutionBaseError;
	/** Items of the node's last run on the given output (default 0); [] if none. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error recorded on the node's last run (a plain object copy, not an Error instance). */
	nodeError(nodeName: string): ExecutionBaseError | undefined;
	credentialsHelper: HarnessCredentialsHelper;
}

let executionCounter = 0;

/** Runs a workflow in n8n-core's real engine (`WorkflowExecute`) and waits for it to finish. */
export async function executeWorkflow(opts: ExecuteWorkflowOptions): Promise<WorkflowResult> {
	const json = loadWorkflow(opts.workflow);
	const credentialsHelper = opts.credentialsHelper ?? new HarnessCredentialsHelper({});
	credentialsHelper.addCredentialTypes(opts.credentialTypes);
	credentialsHelper.addCredentials(opts.credentials ?? []);

	const workflow = new Workflow({
		id: json.id ?? 'harness-workflow',
		name: json.name ?? 'Harness workflow',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes: new HarnessNodeTypes({ ...coreNodeTypes(), ...opts.nodeTypes }),
		staticData: json.staticData,
		// New workflows in n8n default to v1 ordering; exports without settings mean that too.
		settings: { executionOrder: 'v1', ...json.settings },
		pinData: json.pinData ?? undefined,
	});

	const executionId = `harness-${++executionCounter}`;
	const workflowData = { ...json, id: workflow.id, name: workflow.name } as IWorkflowBase;
	const additionalData = buildAdditionalData(credentialsHelper);
	additionalData.executionId = executionId;
	additionalData.hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);

	try {
		const run = await new WorkflowExecute(additionalData, 'manual').run({
			workflow,
			// Like `n8n execute` (2.8.4, no pinData sent): the first trigger in the node list runs.
			startNode:
				json.nodes
					.map((node) => workflow.getNode(node.name))
					.find((node) => node !== null && /Trigger$/.test(node.type)) ?? undefined,
			pinData: json.pinData ?? undefined,
		});
		return toResult(run, credentialsHelper);
	} finally {
		await shutdownHarness();
	}
}

/** Stops n8n-core's background timers so jest and scripts exit promptly; safe to call repeatedly. */
export async function shutdownHarness(): Promise<void> {
	Container.get(SSHClientsManager).onShutdown();
}

function loadWorkflow(workflow: WorkflowJson | string): WorkflowJson {
	const json =
		typeof workflow === 'string'
			? (JSON.parse(readFileSync(workflow, 'utf8')) as WorkflowJson)
			: workflow;
	// The engine mutates nodes (e.g. parameter defaults): keep the caller's object intact.
	return structuredClone(json);
}

function buildAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async () => {
		throw new ApplicationError(`${what} is not supported in the test harness`);
	};
	const baseUrl = 'http://localhost:5678';
	return {
		credentialsHelper,
		executeWorkflow: unsupported('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		startRunnerTask: unsupported('Task runners'),
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		currentNodeExecutionIndex: 0,
		// Parameters come from the node itself, not from an editor session.
		currentNodeParameters: undefined,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		userId: 'harness-user',
		variables: {},
		logAiEvent: () => {},
	};
}

function toResult(run: IRun, credentialsHelper: HarnessCredentialsHelper): WorkflowResult {
	const { runData, error } = run.data.resultData;
	const lastTask = (nodeName: string) => runData[nodeName]?.at(-1);
	return {
		run,
		error,
		output: (nodeName, outputIndex = 0) => lastTask(nodeName)?.data?.main?.[outputIndex] ?? [],
		nodeError: (nodeName) => lastTask(nodeName)?.error,
		credentialsHelper,
	};
}
