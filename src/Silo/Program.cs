using QuiltMcp.Orleans.Silo.Cli;

return await QuiltMcpCommandLine.RunAsync(args);
