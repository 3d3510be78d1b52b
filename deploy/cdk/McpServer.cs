using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace QuiltMcp.Orleans.Deploy.Cdk;

/// <summary>
/// The quilt-mcp service: the same resources and settings as deploy/terraform/modules/mcp_server. Built from
/// L1 (Cfn*) constructs on purpose: the higher-level ECS constructs add grants and defaults of their own
/// (DescribeSecret, log permissions on "*", …) that would break parity with the module and its least
/// privilege, and they need a looked-up VPC, which a synth without an AWS account cannot do.
/// </summary>
public sealed class McpServer : Construct
{
    public const string ContainerName = "quilt-mcp";

    public CfnService Service { get; }

    public CfnTaskDefinition TaskDefinition { get; }

    public CfnRole TaskRole { get; }

    public CfnRole ExecutionRole { get; }

    public McpServer(Construct scope, string id, McpServerProps props)
        : base(scope, id)
    {
        var errors = McpServerPropsValidator.Validate(props);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid mcp_server inputs:" + System.Environment.NewLine + string.Join(System.Environment.NewLine, errors));
        }

        var stack = Stack.Of(this);
        var membershipTableName = props.MembershipTableName ?? $"{props.Name}-membership";
        var grainStateTableName = props.GrainStateTableName ?? $"{props.Name}-grain-state";
        var shutdownTimeout = TimeSpan.FromSeconds(props.ShutdownTimeoutSeconds).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);

        var logGroup = new CfnLogGroup(this, "LogGroup", new CfnLogGroupProps
        {
            LogGroupName = $"/ecs/{props.Name}",
            RetentionInDays = props.LogRetentionDays,
        });

        var membership = Table("MembershipTable", membershipTableName, "ClusterId", props.TableDeletionProtection);
        var grainState = Table("GrainStateTable", grainStateTableName, "Id", props.TableDeletionProtection);

        var trust = new PolicyDocument(new PolicyDocumentProps
        {
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["sts:AssumeRole"],
                    Principals = [new ServicePrincipal("ecs-tasks.amazonaws.com")],
                    // Confused-deputy guard: only ECS acting for this account may use the roles.
                    Conditions = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                    },
                }),
            ],
        });

        var taskStatements = new List<PolicyStatement>
        {
            Allow("ClusterTables",
                [
                    "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:BatchGetItem",
                    "dynamodb:BatchWriteItem", "dynamodb:Query", "dynamodb:Scan",
                ],
                [membership.AttrArn, grainState.AttrArn]),
        };
        if (props.AssumableRoleArns.Count > 0)
        {
            // Session tags and SourceIdentity travel with every AssumeRole the server makes.
            taskStatements.Add(Allow("AssumeUserRoles", ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"], [.. props.AssumableRoleArns]));
        }

        if (props.EnableExecuteCommand)
        {
            taskStatements.Add(Allow("EcsExec",
                ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
                ["*"]));
        }

        if (props.OtelCollectorEnabled)
        {
            taskStatements.AddRange(McpServerOtelCollector.TaskStatements(logGroup.AttrArn));
        }

        TaskRole = new CfnRole(this, "TaskRole", new CfnRoleProps
        {
            AssumeRolePolicyDocument = trust,
            Policies = new object[] { new CfnRole.PolicyProperty { PolicyName = "quilt-mcp-task", PolicyDocument = new PolicyDocument(new PolicyDocumentProps { Statements = [.. taskStatements] }) } },
        });

        var executionStatements = new List<PolicyStatement>
        {
            Allow("WriteLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], [$"{logGroup.AttrArn}:*"]),
        };
        if (props.EcrRepositoryArn is not null)
        {
            executionStatements.Add(Allow("EcrAuth", ["ecr:GetAuthorizationToken"], ["*"]));
            executionStatements.Add(Allow("EcrPull", ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], [props.EcrRepositoryArn]));
        }

        var secretArns = props.SecretArns.Select(McpServerPropsValidator.SecretArn).Distinct(StringComparer.Ordinal).ToArray();
        if (secretArns.Length > 0)
        {
            executionStatements.Add(Allow("ReadListedSecrets", ["secretsmanager:GetSecretValue"], secretArns));
        }

        var certificateSecret = props.SiloTlsEnabled ? props.ClusterCertificateSecret : null;
        if (certificateSecret is not null)
        {
            executionStatements.Add(Allow("ReadClusterCertificate", ["secretsmanager:GetSecretValue"], [McpServerPropsValidator.SecretArn(certificateSecret)]));
        }

        if (props.KmsKeyArns.Count > 0)
        {
            // Secrets under a customer-managed key: only these keys, and only for requests Secrets Manager
            // makes for the role. A key ARN fixes the key's region, so the condition need not name one.
            executionStatements.Add(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "DecryptListedSecretKeys",
                Effect = Effect.ALLOW,
                Actions = ["kms:Decrypt"],
                Resources = [.. props.KmsKeyArns],
                Conditions = new Dictionary<string, object>
                {
                    ["StringLike"] = new Dictionary<string, object> { ["kms:ViaService"] = "secretsmanager.*.amazonaws.com" },
                },
            }));
        }

        ExecutionRole = new CfnRole(this, "ExecutionRole", new CfnRoleProps
        {
            AssumeRolePolicyDocument = trust,
            Policies = new object[] { new CfnRole.PolicyProperty { PolicyName = "quilt-mcp-execution", PolicyDocument = new PolicyDocument(new PolicyDocumentProps { Statements = [.. executionStatements] }) } },
        });

        var securityGroup = new CfnSecurityGroup(this, "ServiceSecurityGroup", new CfnSecurityGroupProps
        {
            GroupDescription = "quilt-mcp tasks: MCP from the ALB, silo traffic between tasks",
            VpcId = props.VpcId,
            SecurityGroupIngress = props.AlbSecurityGroupIds.Select(group => (object)new CfnSecurityGroup.IngressProperty
            {
                Description = "MCP HTTP from the load balancer",
                IpProtocol = "tcp",
                FromPort = props.ContainerPort,
                ToPort = props.ContainerPort,
                SourceSecurityGroupId = group,
            }).ToArray(),
            SecurityGroupEgress = props.EgressCidrBlocks.Select(cidr => (object)new CfnSecurityGroup.EgressProperty
            {
                Description = "AWS APIs, catalog, identity provider",
                IpProtocol = "-1",
                CidrIp = cidr,
            }).ToArray(),
        });

        // A group cannot name itself inline, so silo-to-silo traffic is a separate rule.
        _ = new CfnSecurityGroupIngress(this, "SiloIngress", new CfnSecurityGroupIngressProps
        {
            GroupId = securityGroup.AttrGroupId,
            Description = "Orleans silo-to-silo",
            IpProtocol = "tcp",
            FromPort = props.SiloPort,
            ToPort = props.SiloPort,
            SourceSecurityGroupId = securityGroup.AttrGroupId,
        });

        var targetGroup = new CfnTargetGroup(this, "TargetGroup", new CfnTargetGroupProps
        {
            Name = $"{props.Name}-tg",
            Port = props.ContainerPort,
            Protocol = "HTTP",
            TargetType = "ip",
            VpcId = props.VpcId,
            HealthCheckPath = "/healthz",
            HealthCheckProtocol = "HTTP",
            HealthCheckPort = "traffic-port",
            Matcher = new CfnTargetGroup.MatcherProperty { HttpCode = "200" },
            HealthyThresholdCount = 2,
            UnhealthyThresholdCount = 3,
            HealthCheckIntervalSeconds = 30,
            HealthCheckTimeoutSeconds = 6,
            TargetGroupAttributes = new object[] { new CfnTargetGroup.TargetGroupAttributeProperty { Key = "deregistration_delay.timeout_seconds", Value = "30" } },
        });

        var listenerRule = new CfnListenerRule(this, "ListenerRule", new CfnListenerRuleProps
        {
            ListenerArn = props.AlbListenerArn,
            Priority = props.ListenerRulePriority,
            Actions = new object[] { new CfnListenerRule.ActionProperty { Type = "forward", TargetGroupArn = targetGroup.Ref } },
            Conditions =
            new object[]
            {
                new CfnListenerRule.RuleConditionProperty { Field = "host-header", HostHeaderConfig = new CfnListenerRule.HostHeaderConfigProperty { Values = [props.HostHeader] } },
                new CfnListenerRule.RuleConditionProperty { Field = "path-pattern", PathPatternConfig = new CfnListenerRule.PathPatternConfigProperty { Values = [.. props.PathPatterns] } },
            },
        });

        var environment = new (string Name, string Value)[]
        {
            ("ASPNETCORE_ENVIRONMENT", "Production"),
            ("AWS_REGION", stack.Region),
            ("FASTMCP_TRANSPORT", "streamable-http"),
            ("FASTMCP_ADDR", "0.0.0.0"),
            ("FASTMCP_PORT", props.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("QUILT_CATALOG_URL", props.CatalogUrl),
            ("MCP_SERVER_VERSION", props.AppVersion),
            ("Cluster__Clustering", "dynamodb"),
            ("Cluster__ClusterId", props.ClusterId),
            ("Cluster__ServiceId", props.ServiceId),
            ("Cluster__SiloPort", props.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Cluster__DynamoDb__MembershipTableName", membership.Ref),
            ("Cluster__GrainStorage__TableName", grainState.Ref),
            ("Cluster__Tls__Enabled", props.SiloTlsEnabled ? "true" : "false"),
            ("Shutdown__Timeout", shutdownTimeout),

            // Only the Host the listener rule forwards is served (DNS-rebinding protection), and X-Forwarded-For is
            // believed only from inside the VPC (the ALB; the security group admits nothing else to the container port).
            ("Http__AllowedHosts__0", props.HostHeader),
            ("Http__TrustedProxies__0", props.VpcCidrBlock),
        }
        .Concat(props.OtelCollectorEnabled ? McpServerOtelCollector.AppEnvironment(props) : []);

        TaskDefinition = new CfnTaskDefinition(this, "TaskDefinition", new CfnTaskDefinitionProps
        {
            Family = props.Name,
            RequiresCompatibilities = ["FARGATE"],
            NetworkMode = "awsvpc",
            Cpu = props.Cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Memory = props.Memory.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TaskRoleArn = TaskRole.AttrArn,
            ExecutionRoleArn = ExecutionRole.AttrArn,
            RuntimePlatform = new CfnTaskDefinition.RuntimePlatformProperty { OperatingSystemFamily = "LINUX", CpuArchitecture = "X86_64" },
            ContainerDefinitions =
            new object?[]
            {
                new CfnTaskDefinition.ContainerDefinitionProperty
                {
                    Name = ContainerName,
                    Image = props.ContainerImage,
                    Essential = true,
                    // The server exits on its own within the shutdown timeout; ECS must not SIGKILL it first.
                    StopTimeout = props.ShutdownTimeoutSeconds + 15,
                    PortMappings =
                    new object[]
                    {
                        new CfnTaskDefinition.PortMappingProperty { ContainerPort = props.ContainerPort, Protocol = "tcp", Name = "http" },
                        new CfnTaskDefinition.PortMappingProperty { ContainerPort = props.SiloPort, Protocol = "tcp", Name = "silo" },
                    },
                    Environment = environment.Select(e => (object)new CfnTaskDefinition.KeyValuePairProperty { Name = e.Name, Value = e.Value }).ToArray(),
                    Secrets = props.SecretArns.Select(reference => (object)new CfnTaskDefinition.SecretProperty
                    {
                        Name = McpServerPropsValidator.SecretVariable(reference),
                        ValueFrom = reference,
                    })
                    // The cluster certificate travels like the JWT secret: a container secret, never a plain environment value.
                    .Concat(certificateSecret is null ? [] : [new CfnTaskDefinition.SecretProperty { Name = McpServerPropsValidator.CertificateVariable, ValueFrom = certificateSecret }])
                    .ToArray(),
                    // Same probe as the image's HEALTHCHECK; no curl in the image.
                    HealthCheck = new CfnTaskDefinition.HealthCheckProperty
                    {
                        Command = ["CMD", "/app/quilt-mcp", "healthcheck"],
                        Interval = 30,
                        Timeout = 5,
                        Retries = 3,
                        StartPeriod = 60,
                    },
                    LogConfiguration = new CfnTaskDefinition.LogConfigurationProperty
                    {
                        LogDriver = "awslogs",
                        Options = new Dictionary<string, string>
                        {
                            ["awslogs-group"] = logGroup.Ref,
                            ["awslogs-region"] = stack.Region,
                            ["awslogs-stream-prefix"] = "ecs",
                        },
                    },
                    DependsOn = props.OtelCollectorEnabled ? McpServerOtelCollector.AppDependsOn() : null,
                },
                props.OtelCollectorEnabled ? McpServerOtelCollector.Container(props, logGroup.Ref, stack.Region) : null,
            }
            .OfType<object>()
            .ToArray(),
        });

        Service = new CfnService(this, "Service", new CfnServiceProps
        {
            ServiceName = props.Name,
            Cluster = props.EcsClusterArn,
            TaskDefinition = TaskDefinition.Ref,
            DesiredCount = props.DesiredCount,
            LaunchType = "FARGATE",
            PlatformVersion = "LATEST",
            EnableExecuteCommand = props.EnableExecuteCommand,
            HealthCheckGracePeriodSeconds = props.HealthCheckGracePeriodSeconds,
            PropagateTags = "SERVICE",
            DeploymentConfiguration = new CfnService.DeploymentConfigurationProperty
            {
                MinimumHealthyPercent = 100,
                MaximumPercent = 200,
                DeploymentCircuitBreaker = new CfnService.DeploymentCircuitBreakerProperty { Enable = true, Rollback = true },
            },
            NetworkConfiguration = new CfnService.NetworkConfigurationProperty
            {
                AwsvpcConfiguration = new CfnService.AwsVpcConfigurationProperty
                {
                    AssignPublicIp = "DISABLED",
                    Subnets = [.. props.PrivateSubnetIds],
                    SecurityGroups = [securityGroup.AttrGroupId],
                },
            },
            LoadBalancers = new object[] { new CfnService.LoadBalancerProperty { ContainerName = ContainerName, ContainerPort = props.ContainerPort, TargetGroupArn = targetGroup.Ref } },
            Tags = [new CfnTag { Key = "quilt-mcp:version", Value = props.AppVersion }],
        });

        // ECS refuses a target group that no listener uses yet.
        Service.AddDependency(listenerRule);

        if (props.Autoscaling is { } scaling)
        {
            AddAutoscaling(props, scaling, targetGroup);
        }

        _ = new McpServerMonitoring(this, "Monitoring", props, targetGroup, Service);
        _ = new McpServerNetworkOptions(this, "NetworkOptions", props, securityGroup);

        _ = new CfnOutput(this, "ServiceName", new CfnOutputProps { Value = Service.AttrName });
        _ = new CfnOutput(this, "LogGroupName", new CfnOutputProps { Value = logGroup.Ref });
        _ = new CfnOutput(this, "TaskRoleArn", new CfnOutputProps { Value = TaskRole.AttrArn, Description = "Trust this role from every role in assumableRoleArns." });
    }

    /// <summary>
    /// Target tracking on CPU and, when asked for, ALB requests per target. Scale-in waits 300 s between steps
    /// because removing a silo moves its grains and sessions to the others.
    /// </summary>
    private void AddAutoscaling(McpServerProps props, McpServerAutoscaling scaling, CfnTargetGroup targetGroup)
    {
        var clusterName = props.EcsClusterArn.Split('/')[1];
        var target = new CfnScalableTarget(this, "ScalableTarget", new CfnScalableTargetProps
        {
            ServiceNamespace = "ecs",
            ScalableDimension = "ecs:service:DesiredCount",
            // The service's name attribute (not the plain input) so the target is registered after the service exists.
            ResourceId = Fn.Join("/", ["service", clusterName, Service.AttrName]),
            MinCapacity = scaling.MinCapacity,
            MaxCapacity = scaling.MaxCapacity,
        });

        TargetTracking("CpuScalingPolicy", $"{props.Name}-cpu", target, scaling.CpuTargetPercent,
            new CfnScalingPolicy.PredefinedMetricSpecificationProperty { PredefinedMetricType = "ECSServiceAverageCPUUtilization" });

        if (scaling.RequestsPerTarget > 0)
        {
            // ALBRequestCountPerTarget is labelled app/<lb>/<id>/targetgroup/<tg>/<id>; the load balancer part
            // is inside the listener ARN (listener/app/<lb>/<id>/<listener id>).
            var loadBalancer = string.Join('/', props.AlbListenerArn.Split(':')[5].Split('/')[1..4]);
            TargetTracking("RequestsScalingPolicy", $"{props.Name}-requests", target, scaling.RequestsPerTarget,
                new CfnScalingPolicy.PredefinedMetricSpecificationProperty
                {
                    PredefinedMetricType = "ALBRequestCountPerTarget",
                    ResourceLabel = Fn.Join("/", [loadBalancer, targetGroup.AttrTargetGroupFullName]),
                });
        }
    }

    private void TargetTracking(string id, string policyName, CfnScalableTarget target, double targetValue, CfnScalingPolicy.PredefinedMetricSpecificationProperty metric) =>
        _ = new CfnScalingPolicy(this, id, new CfnScalingPolicyProps
        {
            PolicyName = policyName,
            PolicyType = "TargetTrackingScaling",
            ScalingTargetId = target.Ref,
            TargetTrackingScalingPolicyConfiguration = new CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty
            {
                TargetValue = targetValue,
                ScaleInCooldown = 300,
                ScaleOutCooldown = 60,
                PredefinedMetricSpecification = metric,
            },
        });

    private static PolicyStatement Allow(string sid, string[] actions, string[] resources) =>
        new(new PolicyStatementProps { Sid = sid, Effect = Effect.ALLOW, Actions = actions, Resources = resources });

    private CfnTable Table(string id, string tableName, string partitionKey, bool deletionProtection)
    {
        var table = new CfnTable(this, id, new CfnTableProps
        {
            TableName = tableName,
            BillingMode = "PAY_PER_REQUEST",
            DeletionProtectionEnabled = deletionProtection,
            AttributeDefinitions = new object[] { new CfnTable.AttributeDefinitionProperty { AttributeName = partitionKey, AttributeType = "S" } },
            KeySchema = new object[] { new CfnTable.KeySchemaProperty { AttributeName = partitionKey, KeyType = "HASH" } },
            // Grain storage stamps "ExpiresAt" on every write so abandoned sessions expire without a sweeper; membership shares the attribute name.
            TimeToLiveSpecification = new CfnTable.TimeToLiveSpecificationProperty { AttributeName = "ExpiresAt", Enabled = true },
            PointInTimeRecoverySpecification = new CfnTable.PointInTimeRecoverySpecificationProperty { PointInTimeRecoveryEnabled = true },
        });
        table.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        return table;
    }
}
