/** resource-audit.sh against moto_server and the real AWS CLI. See emulator.ts. */
import { expect, test } from 'vitest';
import { account, describeEmulator, expectReadOnly, region, run, setup } from './emulator';
import type { AuditReport } from './reports';

describeEmulator('resource-audit.sh against moto_server and the real AWS CLI', () => {
	test('resource-audit.sh lists the inventory and finds idle volumes, addresses and load balancers', async () => {
		const image = setup('ec2', 'describe-images', '--owners', 'amazon', '--query', 'Images[0].ImageId');
		const instance = setup('ec2', 'run-instances', '--image-id', image, '--instance-type', 't4g.micro', '--query', 'Instances[0].InstanceId');
		const volume = setup('ec2', 'create-volume', '--size', '8', '--availability-zone', `${region}a`, '--query', 'VolumeId');
		const allocation = setup('ec2', 'allocate-address', '--query', 'AllocationId');
		const vpc = setup('ec2', 'describe-vpcs', '--query', 'Vpcs[0].VpcId');
		const subnets = setup('ec2', 'describe-subnets', '--query', 'Subnets[0:2].SubnetId').split(/\s+/);
		const balancer = setup('elbv2', 'create-load-balancer', '--name', 'idle-alb', '--subnets', ...subnets, '--query', 'LoadBalancers[0].LoadBalancerArn');
		const group = setup('elbv2', 'create-target-group', '--name', 'no-targets', '--protocol', 'HTTP', '--port', '80', '--vpc-id', vpc, '--query', 'TargetGroups[0].TargetGroupArn');
		setup('elbv2', 'create-listener', '--load-balancer-arn', balancer, '--protocol', 'HTTP', '--port', '80', '--default-actions', `Type=forward,TargetGroupArn=${group}`);
		setup('s3api', 'create-bucket', '--bucket', 'inventory-bucket');

		const result = await run('resource-audit.sh', ['--region', region]);
		const report = result.report as AuditReport;
		expect(result.code, result.stderr).toBe(1);
		expect(report).toMatchObject({ account, regions: [region], complete: true, errors: [] });
		expect(report.inventory.ec2Instances.map((i) => [i.instanceId, i.state])).toEqual([[instance, 'running']]);
		expect(report.inventory.s3Buckets.map((b) => [b.name, b.region])).toEqual([['inventory-bucket', region]]);
		expect(report.waste.unattachedVolumes.map((v) => [v.volumeId, v.sizeGiB])).toEqual([[volume, 8]]);
		expect(report.waste.idleElasticIps.map((a) => a.allocationId)).toEqual([allocation]);
		expect(report.waste.idleLoadBalancers.map((b) => [b.name, b.type, b.detail])).toEqual([['idle-alb', 'application', 'no registered targets']]);
		expect(report.summary).toMatchObject({ ec2Instances: 1, s3Buckets: 1, wasteFindings: 3, errors: 0 });
		expectReadOnly(result);
	});

	test('resource-audit.sh exits 0 on an account without waste', async () => {
		setup('s3api', 'create-bucket', '--bucket', 'only-bucket');
		const result = await run('resource-audit.sh', ['--region', region]);
		const report = result.report as AuditReport;
		expect(result.code, result.stderr).toBe(0);
		expect(report.waste).toEqual({ unattachedVolumes: [], oldSnapshots: [], idleElasticIps: [], idleLoadBalancers: [] });
		expect(report.summary).toMatchObject({ ec2Instances: 0, s3Buckets: 1, wasteFindings: 0, errors: 0 });
	});
});
