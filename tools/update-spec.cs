#:package YamlDotNet@16.3.0
// Cuts the SIP part out of Telnyx's published OpenAPI spec.
//
//   dotnet run tools/update-spec.cs -- <url-or-file> [--out specs/telnyx-sip.yaml] [--path /credential_connections ...]
//
// It keeps the given paths (by default, the paths the --out file already has), every component they reference,
// directly or through other components, and the document's header; then it writes the result to --out. Review the
// effect on the generated client with the snapshot tests (see README.md, "Updating the spec").
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

string? source = null;
string output = "specs/telnyx-sip.yaml";
var paths = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out": output = args[++i]; break;
        case "--path": paths.Add(args[++i]); break;
        default: source = args[i]; break;
    }
}

if (source is null)
{
    Console.Error.WriteLine("usage: dotnet run tools/update-spec.cs -- <url-or-file> [--out FILE] [--path /template ...]");
    return 2;
}

if (paths.Count == 0)
{
    if (!File.Exists(output))
    {
        Console.Error.WriteLine($"No --path given and {output} does not exist to take the paths from.");
        return 2;
    }

    paths.AddRange(Keys(Load(File.ReadAllText(output)), "paths"));
}

string text = source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
    ? await new HttpClient { Timeout = TimeSpan.FromMinutes(2) }.GetStringAsync(source)
    : File.ReadAllText(source);
YamlMappingNode root = Load(text);
var sourcePaths = (YamlMappingNode)root.Children[new YamlScalarNode("paths")];

var kept = new YamlMappingNode();
foreach (string path in paths)
{
    if (sourcePaths.Children.TryGetValue(new YamlScalarNode(path), out YamlNode? item))
    {
        kept.Add(path, item);
    }
    else
    {
        Console.Error.WriteLine($"warning: {path} is not in the source spec; it is left out.");
    }
}

// Components reachable from the kept paths, following references through components.
var needed = new SortedSet<string>(StringComparer.Ordinal);
var pending = new Stack<YamlNode>([kept]);
var components = root.Children.TryGetValue(new YamlScalarNode("components"), out YamlNode? c) ? (YamlMappingNode)c : new YamlMappingNode();
while (pending.Count > 0)
{
    foreach (string reference in References(pending.Pop()))
    {
        Match match = Regex.Match(reference, "^#/components/([^/]+)/(.+)$");
        if (!match.Success || !needed.Add(match.Groups[1].Value + "/" + match.Groups[2].Value))
        {
            continue;
        }

        if (components.Children.TryGetValue(new YamlScalarNode(match.Groups[1].Value), out YamlNode? kind) &&
            kind is YamlMappingNode members &&
            members.Children.TryGetValue(new YamlScalarNode(Unescape(match.Groups[2].Value)), out YamlNode? target))
        {
            pending.Push(target);
        }
    }
}

var cut = new YamlMappingNode();
foreach (var (key, value) in root.Children)
{
    string name = ((YamlScalarNode)key).Value!;
    if (name == "paths")
    {
        cut.Add("paths", kept);
    }
    else if (name == "components")
    {
        var keptComponents = new YamlMappingNode();
        foreach (var (kindKey, kindValue) in components.Children)
        {
            string kind = ((YamlScalarNode)kindKey).Value!;
            var members = new YamlMappingNode();
            foreach (var (memberKey, memberValue) in ((YamlMappingNode)kindValue).Children)
            {
                if (kind == "securitySchemes" || needed.Contains(kind + "/" + Escape(((YamlScalarNode)memberKey).Value!)))
                {
                    members.Add(memberKey, memberValue);
                }
            }

            if (members.Children.Count > 0)
            {
                keptComponents.Add(kind, members);
            }
        }

        cut.Add("components", keptComponents);
    }
    else if (name is "openapi" or "info" or "servers" or "security")
    {
        cut.Add(key, value);
    }
}

using (var writer = new StreamWriter(output))
{
    new YamlStream(new YamlDocument(cut)).Save(writer, assignAnchors: false);
}

int operations = kept.Children.Values.OfType<YamlMappingNode>()
    .Sum(item => item.Children.Keys.Count(k => ((YamlScalarNode)k).Value is "get" or "put" or "post" or "patch" or "delete"));
Console.WriteLine($"Wrote {output}: {kept.Children.Count} paths, {operations} operations, {needed.Count} components.");
return 0;

static YamlMappingNode Load(string yaml)
{
    var stream = new YamlStream();
    stream.Load(new StringReader(yaml));
    return (YamlMappingNode)stream.Documents[0].RootNode;
}

static IEnumerable<string> Keys(YamlMappingNode root, string member) =>
    ((YamlMappingNode)root.Children[new YamlScalarNode(member)]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

static IEnumerable<string> References(YamlNode node)
{
    var stack = new Stack<YamlNode>([node]);
    while (stack.Count > 0)
    {
        switch (stack.Pop())
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: "$ref" } && value is YamlScalarNode { Value: { } reference })
                    {
                        yield return reference;
                    }
                    else
                    {
                        stack.Push(value);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (YamlNode child in sequence.Children)
                {
                    stack.Push(child);
                }

                break;
        }
    }
}

static string Unescape(string pointer) => Uri.UnescapeDataString(pointer).Replace("~1", "/").Replace("~0", "~");

static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");
