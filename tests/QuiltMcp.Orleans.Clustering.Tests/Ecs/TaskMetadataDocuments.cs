namespace QuiltMcp.Orleans.Clustering.Tests.Ecs;

/// <summary>Task metadata v4 documents shaped like the ones Fargate returns (trimmed of fields nobody reads).</summary>
public static class TaskMetadataDocuments
{
    public const string FargateAddress = "10.0.2.106";

    public const string Fargate = """
        {
          "Cluster": "arn:aws:ecs:us-east-1:111122223333:cluster/quilt-mcp",
          "TaskARN": "arn:aws:ecs:us-east-1:111122223333:task/quilt-mcp/0c9a6a3e5b2f4c36a0d3f0f1e2d3c4b5",
          "Family": "quilt-mcp",
          "Revision": "12",
          "DesiredStatus": "RUNNING",
          "KnownStatus": "RUNNING",
          "Limits": { "CPU": 0.5, "Memory": 1024 },
          "AvailabilityZone": "us-east-1a",
          "LaunchType": "FARGATE",
          "Containers": [
            {
              "DockerId": "0c9a6a3e5b2f4c36a0d3f0f1e2d3c4b5-1234567890",
              "Name": "log-router",
              "Image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
              "KnownStatus": "RUNNING",
              "Type": "NORMAL",
              "Networks": []
            },
            {
              "DockerId": "0c9a6a3e5b2f4c36a0d3f0f1e2d3c4b5-2470140894",
              "Name": "quilt-mcp",
              "Image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/quilt-mcp:4f2c1d0",
              "KnownStatus": "RUNNING",
              "Type": "NORMAL",
              "Networks": [
                {
                  "NetworkMode": "awsvpc",
                  "IPv4Addresses": [ "10.0.2.106" ],
                  "AttachmentIndex": 0,
                  "MACAddress": "0e:9e:32:c7:48:85",
                  "IPv4SubnetCIDRBlock": "10.0.2.0/24",
                  "PrivateDNSName": "ip-10-0-2-106.ec2.internal",
                  "SubnetGatewayIpv4Address": "10.0.2.1/24"
                }
              ]
            }
          ]
        }
        """;

    public const string BridgeOnly = """
        {
          "Cluster": "default",
          "Containers": [
            { "Name": "quilt-mcp", "Networks": [ { "NetworkMode": "bridge", "IPv4Addresses": [ "172.17.0.2" ] } ] }
          ]
        }
        """;
}
