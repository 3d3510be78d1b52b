using System.Text;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>
/// The look-alike table the key rule uses instead of <see cref="string.Normalize(NormalizationForm)"/>, which the
/// server (invariant globalization, no ICU) cannot run. This test process has ICU, so the table is held to it here.
/// </summary>
public sealed class SeparatorLookalikesTests
{
    [Fact]
    public void The_table_is_exactly_the_code_points_whose_nfkc_form_has_a_dot_or_a_separator()
    {
        Assert.True("\u2025".Normalize(NormalizationForm.FormKC) == "..", "This test needs ICU's normalization (globalization invariant mode is on).");
        var icu = new Dictionary<int, string>();
        for (var codePoint = 0x80; codePoint <= 0x10FFFF; codePoint++)
        {
            if (!Rune.IsValid(codePoint))
            {
                continue;
            }

            if (NfkcForm(codePoint) is { } form && form.AsSpan().IndexOfAny('.', '/', '\\') >= 0)
            {
                icu[codePoint] = form;
            }
        }

        Assert.Equal(icu.OrderBy(entry => entry.Key), SeparatorLookalikes.Forms.OrderBy(entry => entry.Key));
    }

    [Theory]
    [InlineData("\uFF0E\uFF0E\uFF0F\u2025\uFE68", "../..\\")]
    [InlineData("a\u2100b", "aa/cb")]
    [InlineData("\U0001F100x", "0.x")]
    [InlineData("na\u00efve \uFB01le \U0001F600 \u00bd", "na\u00efve \uFB01le \U0001F600 \u00bd")]
    [InlineData("", "")]
    public void Look_alikes_become_their_nfkc_form_and_everything_else_stays(string text, string normalized)
    {
        Assert.Equal(normalized, SeparatorLookalikes.Normalize(text));
    }

    [Fact]
    public void Keys_with_the_one_character_icu_will_not_normalize_are_ordinary_keys()
    {
        Assert.Null(DotSegments.Find("non\uFFFEcharacter/\uFFFE"));
        Assert.Equal("a '..' path segment once Unicode-normalized (NFKC)", DotSegments.Find("\uFFFE/\uFF0E\uFF0E/x"));
    }

    [Fact]
    public void Null_text_is_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => SeparatorLookalikes.Normalize(null!));
    }

    /// <summary>ICU's NFKC form of one code point, or null for the one it refuses to normalize (the noncharacter U+FFFE).</summary>
    private static string? NfkcForm(int codePoint)
    {
        try
        {
            return char.ConvertFromUtf32(codePoint).Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
