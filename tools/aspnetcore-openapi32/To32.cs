using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
var settings = new OpenApiReaderSettings();
settings.AddYamlReader();
using var input = File.OpenRead(args[0]);
var result = await OpenApiDocument.LoadAsync(input, null, settings);
foreach (var e in result.Diagnostic?.Errors ?? []) Console.Error.WriteLine(e);
using var output = File.Create(args[1]);
await result.Document!.SerializeAsync(output, OpenApiSpecVersion.OpenApi3_2, OpenApiConstants.Json, CancellationToken.None);
