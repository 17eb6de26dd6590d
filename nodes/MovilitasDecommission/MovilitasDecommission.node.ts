import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { Plan } from './batching';
import { properties } from './description';
import { failureOutcome, Outcomes } from './outcomes';
import { buildOutput } from './output';
import type { ReadItems } from './readItems';
import type { ItemProblem } from './requests';
import { readItems } from './readItems';
import { runError } from './runError';
import type { RunOptions } from './runOptions';
import { dryRunOutcomes, readRunOptions } from './runOptions';
import { sendBatches } from './sendBatches';
import { CREDENTIAL_TYPE, openSession } from './transport';

/**
 * n8n's Retry On Fail runs the whole node again after a failure, which would resend the serials
 * that earlier requests of the run already decommissioned: refuse it before sending anything.
 */
function refuseRetryOnFail(ctx: IExecuteFunctions): void {
	if (ctx.getNode().retryOnFail !== true) return;
	throw new NodeOperationError(
		ctx.getNode(),
		'Retry On Fail is turned on for this node: a retry could decommission serials twice',
		{
			description:
				'After a failure n8n would run the node again and resend serials that Movilitas already decommissioned. Turn Retry On Fail off in the node settings: the node itself waits out rate limits (429) and outages (503), and never resends a request whose outcome is unknown. Nothing was sent to Movilitas.',
		},
	);
}

/**
 * A run option that cannot be used stops the run before anything is sent; under Continue On
 * Fail every item says why, instead of n8n passing the items through as if all went well.
 */
function refuseRun(ctx: IExecuteFunctions, itemCount: number, problem: ItemProblem) {
	if (!ctx.continueOnFail()) {
		throw new NodeOperationError(ctx.getNode(), problem.message, {
			itemIndex: problem.itemIndex,
			description: problem.hint,
		});
	}
	const problems = new Map<number, ItemProblem>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) problems.set(itemIndex, problem);
	return buildOutput(ctx.getNode(), itemCount, { requests: [], problems }, new Outcomes(), false);
}

/** Sends the batches and returns what became of each serial, or throws the run's error. */
async function send(
	ctx: IExecuteFunctions,
	plan: Plan,
	run: RunOptions,
	read: ReadItems,
): Promise<Outcomes> {
	const continueOnFail = ctx.continueOnFail();
	const opened = await openSession(ctx, run.timeoutMs);
	if (!opened.ok) {
		const { failure } = opened;
		if (!continueOnFail && plan.batches.length > 0) {
			throw new NodeApiError(ctx.getNode(), { message: failure.message } as JsonObject, {
				message: failure.message,
				description: failure.description,
				itemIndex: 0,
			});
		}
		const outcomes = new Outcomes(plan);
		for (const batch of plan.batches) outcomes.setAll(batch, failureOutcome(failure, 0));
		return outcomes;
	}
	const report = await sendBatches(opened.session, plan, {
		inFlight: run.inFlight,
		continueOnFail,
	});
	if (report.failure) throw runError(ctx, report.failure, report.outcomes, read.requests);
	return report.outcomes;
}

export class MovilitasDecommission implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Movilitas Decommission',
		name: 'movilitasDecommission',
		icon: { light: 'file:movilitas.svg', dark: 'file:movilitas.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ "Decommission: " + $parameter["reason"] }}',
		description: 'Decommission serialized products in Movilitas.Cloud (Manufacturer V2 API)',
		defaults: {
			name: 'Movilitas Decommission',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (items.length === 0) return [[]];
		refuseRetryOnFail(this);
		// 1. Read and validate every item and the run's options before anything is sent.
		const read = readItems(this, items);
		const options = readRunOptions(this, items.length);
		if (!options.ok) return [refuseRun(this, items.length, options.problem)];
		const { run } = options;
		// 2. The serials, grouped by their settings into as few requests as the batch size allows.
		const { plan } = read;
		// 3. Send them (a dry run sends nothing), refreshing the token if Movilitas refuses it.
		const outcomes = run.dryRun ? dryRunOutcomes(plan) : await send(this, plan, run, read);
		// 4. One output item per serial of each input item, paired to that item.
		const withSettings = run.includeSettings || run.dryRun;
		return [buildOutput(this.getNode(), items.length, read, outcomes, withSettings)];
	}
}
