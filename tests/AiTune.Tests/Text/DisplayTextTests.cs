using AiTune.Text;

namespace AiTune.Tests.Text;

public class DisplayTextTests
{
    [Fact]
    public void Control_and_format_characters_are_shown_as_a_shell_user_reads_them()
    {
        Assert.Equal("a\\nb\\tc\\r", DisplayText.Escape("a\nb\tc\r"));
        Assert.Equal("\\x1b[31mred\\x07", DisplayText.Escape("\u001b[31mred\u0007"));
        Assert.Equal("right<U+202E>left", DisplayText.Escape("right\u202eleft"));
        Assert.Equal("plain → text … ok", DisplayText.Escape("plain → text … ok"));
    }

    [Fact]
    public void A_long_path_loses_the_middle_of_its_directories_and_keeps_its_file_name()
    {
        string path = "/srv/" + string.Join("/", Enumerable.Repeat("deeply-nested-directory", 8)) + "/llama-70b.Q4_K_M.gguf";

        string shown = DisplayText.FilePath(path);

        Assert.Equal(100, shown.Length);
        Assert.StartsWith("/srv/deeply-nested-directory/", shown, StringComparison.Ordinal);
        Assert.EndsWith("…/llama-70b.Q4_K_M.gguf", shown, StringComparison.Ordinal);
        Assert.Equal("/short/path", DisplayText.FilePath("/short/path"));
    }

    [Fact]
    public void An_excerpt_is_escaped_and_cut_with_an_ellipsis()
    {
        Assert.Equal(new string('x', 10) + "…", DisplayText.Excerpt(new string('x', 50), 10));
        Assert.Equal("a\\nb", DisplayText.Excerpt("a\nb", 10));
    }
}
