import { ExecuteContext } from 'n8n-core';

import {
	acceptDecommissions,
	credential,
	credentialsHelper,
	NODE,
	runScenario,
	setupNock,
	type ScenarioChanges,
} from './scenario';

setupNock();

const WORKFLOW = 'decommission.parameter-reading.workflow.json';

type ReadParameter = (name: string, ...rest: unknown[]) => unknown;

/**
 * Runs the workflow with `count` items and counts the node's parameter reads: every
 * getNodeParameter of n8n-core's ExecuteContext ends in the _getNodeParameter of its base class.
 */
async function countParameterReads(count: number, changes: ScenarioChanges = {}) {
	const base = Object.getPrototypeOf(Object.getPrototypeOf(ExecuteContext.prototype)) as {
		_getNodeParameter: ReadParameter;
	};
	const spy = jest.spyOn(base, '_getNodeParameter');
	try {
		const items = Array.from({ length: count }, (_, index) => ({
			serial: `P${String(index).padStart(4, '0')}`,
			reason: index % 2 === 0 ? 'destroy' : 'sample',
		}));
		const result = await runScenario(WORKFLOW, credentialsHelper(credential()), {
			...changes,
			items,
		});
		const reads = spy.mock.calls.filter(
			(_, call) => (spy.mock.contexts[call] as { node?: { name: string } }).node?.name === NODE,
		);
		const byName: Record<string, number> = {};
		for (const [name] of reads) byName[name] = (byName[name] ?? 0) + 1;
		return { result, reads: reads.length, byName };
	} finally {
		spy.mockRestore();
	}
}

describe('issue 10: parameters are read once unless they are expressions', () => {
	it('with plain values the node reads its parameters a fixed number of times, whatever the item count', async () => {
		acceptDecommissions(1);
		const few = await countParameterReads(10);
		acceptDecommissions(1);
		const many = await countParameterReads(1000);

		expect(many.result.error).toBeUndefined();
		expect(many.result.output(NODE)).toHaveLength(1000);
		expect(few.reads).toBeGreaterThan(0);
		expect(many.byName).toEqual(few.byName);
		// Eight parameters per item would be 8,000 reads.
		expect(many.reads).toBeLessThan(30);
	});

	it('a reason given by an expression is evaluated per item: items with different reasons go in separate requests', async () => {
		const bodies = acceptDecommissions(2);

		const { result, byName } = await countParameterReads(1000, {
			parameters: { reason: '={{ $json.reason }}' },
		});

		expect(result.error).toBeUndefined();
		expect(bodies.map((body) => [body.reason, (body.serials as string[]).length])).toEqual([
			['destroy', 500],
			['sample', 500],
		]);
		expect(bodies[1].serials).toEqual(
			Array.from({ length: 500 }, (_, index) => `P${String(index * 2 + 1).padStart(4, '0')}`),
		);
		const output = result.output(NODE);
		expect(
			output
				.slice(0, 4)
				.map((item) => [item.json.serial_number, item.json.reason, item.pairedItem]),
		).toEqual([
			['P0000', 'destroy', { item: 0 }],
			['P0001', 'sample', 1],
			['P0002', 'destroy', 2],
			['P0003', 'sample', 3],
		]);
		expect(
			output.every((item, index) => item.json.reason === (index % 2 ? 'sample' : 'destroy')),
		).toBe(true);
		expect(byName.reason).toBe(1000);
		expect(byName.productCode).toBeLessThan(3);
	});
});
