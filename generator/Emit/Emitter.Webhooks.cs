using System.Linq;
using Telnyx.Sip.Generator.Model;

namespace Telnyx.Sip.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>How the spec's webhooks are signed, for the runtime's <c>WebhookReceiver</c>.</summary>
    private static void EmitWebhookScheme(SourceWriter w, WebhooksSpec webhooks, string options)
    {
        w.Doc("summary", "How the spec's webhooks are signed: the scheme and headers its webhook parameters declare.");
        w.Line($"private static readonly {Runtime}.WebhookScheme WebhookScheme = new({Runtime}.WebhookSignatureKind.{webhooks.Scheme}, {Literal(options)})");
        w.Line("{");
        w.Indent();
        w.Line($"SignatureHeader = {OptionalLiteral(webhooks.SignatureHeader)},");
        w.Line($"TimestampHeader = {OptionalLiteral(webhooks.TimestampHeader)},");
        w.Line($"IdHeader = {OptionalLiteral(webhooks.IdHeader)},");
        w.Line($"KeyVariable = {OptionalLiteral(webhooks.KeyVariable)},");
        w.Outdent();
        w.Line("};");
    }

    private static void EmitWebhooksProperty(SourceWriter w, WebhooksSpec webhooks, string options)
    {
        string eventName = webhooks.EventType.Name.Substring(webhooks.EventType.Name.LastIndexOf('.') + 1);
        w.Doc("summary", $"Receives the spec's webhooks: `Unwrap(body, headers)` verifies a request and returns its `{eventName}`.");
        w.Doc("remarks", webhooks.Scheme switch
        {
            WebhookSchemeKind.Ed25519TimestampPipe =>
                $"Requests are signed with Ed25519 (the `{webhooks.SignatureHeader}` header signs `{webhooks.TimestampHeader}|body`); the key is the sender's base64 public key, from ",
            WebhookSchemeKind.StandardWebhooks =>
                $"Requests are signed as Standard Webhooks say (`{webhooks.IdHeader}`, `{webhooks.TimestampHeader}`, `{webhooks.SignatureHeader}`); the key is the endpoint's `whsec_` secret or `whpk_` public key, from ",
            _ => "The spec declares no signature scheme the runtime knows: Unwrap and Verify throw; Parse reads an event without verifying it. A key would come from ",
        } + $"`{options}.WebhookKey`{(webhooks.KeyVariable is null ? "" : $", else the {webhooks.KeyVariable} environment variable")}. " +
            $"Timestamps further than `{options}.WebhookTolerance` (5 minutes) from now are refused. " +
            $"Webhooks: {string.Join(", ", webhooks.Names.Take(12).Select(n => "`" + n + "`"))}{(webhooks.Names.Count > 12 ? $" and {webhooks.Names.Count - 12} more" : "")}.");
        w.Line($"public virtual {Runtime}.WebhookReceiver<{webhooks.EventType.Name}> Webhooks {{ get; }}");
    }
}
