import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { planBatches } from './batching';
import { properties } from './description';
import { buildOutput } from './mapping';
import { readItems, refuseRetryOnFail } from './readItems';
import { sendBatches } from './sendBatches';
import { openSession } from './transport';

export class MovilitasDecommission implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Movilitas Decommission',
		name: 'movilitasDecommission',
		icon: 'file:movilitas.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{ "Decommission: " + $parameter["reason"] }}',
		description: 'Decommission serialized products in Movilitas.Cloud (Manufacturer V2 API)',
		defaults: {
			name: 'Movilitas Decommission',
		},
		usableAsTool: true,
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{
				name: 'movilitasApi',
				required: true,
			},
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// 1. Validate the settings and every item before anything is sent.
		refuseRetryOnFail(this);
		const { requests, problems } = readItems(this, items);
		// 2. Group the serials by their settings into as few requests as the batch size allows.
		const batches = planBatches([...requests.values()]);
		// 3. Send them, refreshing the token if Movilitas refuses it.
		const session = await openSession(this);
		const outcomes = await sendBatches(this, session, batches);
		// 4. One output item per serial of each input item, paired to that item.
		return [buildOutput(items.length, requests, problems, outcomes)];
	}
}
