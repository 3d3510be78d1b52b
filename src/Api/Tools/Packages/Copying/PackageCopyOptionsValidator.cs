namespace QuiltMcp.Orleans.Api.Tools.Packages.Copying;

/// <summary>Checks the <c>Packages</c> section at start-up; the message names the setting.</summary>
public sealed class PackageCopyOptionsValidator : IValidateOptions<PackageCopyOptions>
{
    public ValidateOptionsResult Validate(string? name, PackageCopyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MultipartCopyThreshold is < 1 or > PackageCopyOptions.MaxSingleCopyBytes
            ? ValidateOptionsResult.Fail(
                $"Packages:MultipartCopyThreshold must be between 1 and {PackageCopyOptions.MaxSingleCopyBytes} bytes (5 GiB, the largest "
                + $"object S3 copies in one request), not {options.MultipartCopyThreshold}.")
            : ValidateOptionsResult.Success;
    }
}
