#!/usr/bin/env node
import { App, Tags } from 'aws-cdk-lib';
import { MultiRegionFailoverRegionStack, MultiRegionFailoverTableStack } from '../lib/multi-region-failover-stack';

// Exported so the repository's tests synthesize and check this same app.
export const app = new App();

/** A context value: from cdk.json, or from `-c name=value` on the command line. */
function context(name: string): string | undefined {
  const value: unknown = app.node.tryGetContext(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A context value cdk.json sets; change it there or with -c. */
function required(name: string): string {
  const value = context(name);
  if (!value) throw new Error(`Set "${name}" in the context of cdk.json, or pass -c ${name}=...`);
  return value;
}

// The two Regions and the table name have their defaults in cdk.json.
const primaryRegion = required('primaryRegion');
const secondaryRegion = required('secondaryRegion');
const tableName = required('tableName');

// The name clients call and the public hosted zone it belongs to are yours: pass them with
// -c domainName=<name in your zone> -c hostedZoneId=<your zone's ID>. The example values below only
// let the app synthesize for reading; a deployment with them fails when ACM looks for the zone.
const domainName = context('domainName') ?? 'api.example.com';
const hostedZoneId = context('hostedZoneId') ?? 'Z0000000000EXAMPLE';

// Stacks with a Region but no account: each deploys to the account of your AWS CLI profile, in
// the Region it names. The global table needs its Region at synthesis, to place its replicas.
const tableStack = new MultiRegionFailoverTableStack(app, 'MultiRegionFailoverTable', {
  env: { region: primaryRegion },
  description: 'Multi-Region failover: the DynamoDB global table, with a replica in each Region',
  tableName,
  secondaryRegion,
});

// The same API stack in each Region. Each reads the table by its name, which every replica
// shares, so no value crosses from one Region's stack to another's.
const regions = [
  { id: 'MultiRegionFailoverPrimary', region: primaryRegion },
  { id: 'MultiRegionFailoverSecondary', region: secondaryRegion },
];
for (const { id, region } of regions) {
  const stack = new MultiRegionFailoverRegionStack(app, id, {
    env: { region },
    description: `Multi-Region failover: the items API, its custom domain, health check and failover record in ${region}`,
    tableName,
    primaryRegion,
    domainName,
    hostedZoneId,
  });
  // Deployed after the table, whose replica in this Region the function uses.
  stack.addStackDependency(tableStack);
}

// The same tag the Terraform and CloudFormation variants put on every resource, for cost reports.
Tags.of(app).add('Pattern', 'multi-region-failover');
