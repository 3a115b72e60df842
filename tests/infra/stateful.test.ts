import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { describe, it, expect } from '@jest/globals';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PublicFeeds } from '../../infra/constructs/public-feeds.js';
import { TopicwireTable } from '../../infra/constructs/topicwire-table.js';
import { testStack } from './cdk-test-app.js';

function tableTemplate(removalPolicy: RemovalPolicy, deletionProtection: boolean): Template {
  const stack = testStack();
  new TopicwireTable(stack, 'Data', { removalPolicy, deletionProtection });
  return Template.fromStack(stack);
}

describe('TopicwireTable', () => {
  it('is one on-demand table with pk/sk string keys, PITR, KMS encryption and the expiresAt TTL', () => {
    // Prepare / Act
    const template = tableTemplate(RemovalPolicy.RETAIN, true);

    // Assess
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
      // docs/storage.md serves every access pattern from the base table.
      GlobalSecondaryIndexes: Match.absent(),
    });
  });

  it('keeps prod data on stack deletion and lets dev data go', () => {
    // Prepare / Act
    const prod = tableTemplate(RemovalPolicy.RETAIN, true);
    const dev = tableTemplate(RemovalPolicy.DESTROY, false);

    // Assess
    prod.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    dev.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
    dev.hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] });
  });
});

describe('PublicFeeds', () => {
  const stack = testStack();
  const feeds = new PublicFeeds(stack, 'PublicFeeds');
  const template = Template.fromStack(stack);
  const bucketId = stack.getLogicalId(feeds.bucket.node.defaultChild as never);
  const logBucketId = stack.getLogicalId(feeds.logBucket.node.defaultChild as never);

  it('keeps the feeds bucket private, encrypted, versioned and logged', () => {
    // Assess
    expect(template.toJSON().Resources[bucketId].Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucketId }, LogFilePrefix: 's3/' },
    });
  });

  it('denies every non-TLS request to both buckets', () => {
    // Assess
    for (const id of [bucketId, logBucketId]) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('serves the bucket only through CloudFront with Origin Access Control, HTTPS and access logs', () => {
    // Assess
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } })],
        Logging: Match.objectLike({ Bucket: { 'Fn::GetAtt': [logBucketId, 'RegionalDomainName'] }, Prefix: 'cloudfront/' }),
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } }),
        ]),
      },
    });
  });
});
