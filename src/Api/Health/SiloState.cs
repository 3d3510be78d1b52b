namespace QuiltMcp.Orleans.Api.Health;

public enum SiloState
{
    Starting,
    Active,
    Stopping,
}
