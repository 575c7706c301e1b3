using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Telnyx.Sip.Generator.Model;
using Telnyx.Sip.Generator.Reading;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>OpenAPI 3.2: what it adds is read (specs/bookshelf.yaml of the client tests has each construct), or reported.</summary>
public class OpenApi32Tests
{
    public static string BookshelfPath => Path.Combine(GeneratorHarness.RepoRoot, "tests", "Telnyx.Sip.Client.Tests", "specs", "bookshelf.yaml");

    private static ApiSpec Build(string text, out IReadOnlyList<string> diagnostics, string path = "/project/specs/api.yaml")
    {
        BuildResult result = ApiModelBuilder.Build(new SpecInput(path, text, null, null, true), default);
        diagnostics = result.Diagnostics.Select(d => $"{d.Id} {d.Line}: {string.Join(" | ", d.Arguments)}").ToList();
        return result.Spec!;
    }

    private static IEnumerable<(ResourceSpec Resource, OperationSpec Operation)> Operations(ApiSpec spec) =>
        spec.Resources.WithDescendants().SelectMany(r => r.Operations.Select(o => (r, o)));

    [Fact]
    public void TheBookshelfSpecMatchesTheSnapshots()
    {
        var (result, _) = GeneratorHarness.Run(File.ReadAllText(BookshelfPath), "/project/specs/bookshelf.yaml");
        var files = result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        string report = Snapshot.Compare("bookshelf", files);

        Assert.True(report.Length == 0, report);
    }

    [Fact]
    public void TheBookshelfSpecGeneratesWithoutDiagnosticsAndCompilesWithoutWarnings()
    {
        var (generator, compiler, _) = GeneratorHarness.RunStrict(File.ReadAllText(BookshelfPath), "/project/specs/bookshelf.yaml");

        Assert.Empty(generator);
        Assert.Empty(compiler);
    }

    [Fact]
    public void QueryAndAdditionalOperationsBecomeMethodsSentWithTheirOwnMethod()
    {
        ApiSpec spec = Build(File.ReadAllText(BookshelfPath), out var diagnostics);

        Assert.Empty(diagnostics);
        var methods = Operations(spec).Select(x => $"{x.Resource.ClassName}.{x.Operation.MethodName} {x.Operation.HttpMethod} {x.Operation.PathTemplate}").ToList();
        Assert.Contains("BooksClient.Search QUERY /books/search", methods);
        Assert.Contains("BooksClient.Purge PURGE /books/{bookId}", methods);
        OperationSpec search = Operations(spec).Single(x => x.Operation.OperationId == "searchBooks").Operation;
        Assert.Equal("global::Bookshelf.SearchRequest", search.Body!.Name);
        Assert.True(search.BodyRequired);
    }

    [Fact]
    public void AQuerystringParameterIsOneParameterOfTheMethod()
    {
        ApiSpec spec = Build(File.ReadAllText(BookshelfPath), out _);

        OperationSpec browse = Operations(spec).Single(x => x.Operation.OperationId == "browseCatalog").Operation;
        Assert.Null(browse.QueryClass);
        Assert.Equal("criteria", browse.QueryString!.Name);
        ModelSpec criteria = spec.Models.Single(m => browse.QueryString.Type.Name.EndsWith("." + m.Name));
        Assert.Equal(ModelKind.Query, criteria.Kind);
        Assert.Equal(["genre", "page", "author"], criteria.Properties.Select(p => p.WireName));
        Assert.Contains("Example: `genre=poetry&page=2`.", browse.QueryString.Doc.Remarks);
    }

    [Fact]
    public void TagsWithAParentNestResourceClientsDocumentedByTheirSummary()
    {
        ApiSpec spec = Build(File.ReadAllText(BookshelfPath), out _);

        ResourceSpec books = spec.Resources.Single(r => r.PropertyName == "Books");
        Assert.Equal("Books on the shelf", books.Doc.Summary);
        Assert.Equal(["Every book the shelf holds, by its id."], books.Doc.Remarks);
        ResourceSpec reviews = Assert.Single(books.Children);
        Assert.Equal("Reviews", reviews.PropertyName);
        Assert.Equal("Readers' reviews of a book", reviews.Doc.Summary);
        Assert.Equal("List", Assert.Single(reviews.Operations).MethodName);

        // A badge is no navigation tag: it groups nothing. A nav tag without parent or children groups as paths do.
        Assert.DoesNotContain(spec.Resources.WithDescendants(), r => r.PropertyName == "Beta");
        Assert.Equal(DocSpec.None, spec.Resources.Single(r => r.PropertyName == "Catalog").Doc);
    }

    [Fact]
    public void ReferencesIntoTheDocumentBySelfResolveAndDataValueFeedsTheDocs()
    {
        ApiSpec spec = Build(File.ReadAllText(BookshelfPath), out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal("global::System.Collections.Generic.IList<global::Bookshelf.Review>",
            Operations(spec).Single(x => x.Operation.OperationId == "listReviews").Operation.ResponseType!.Name);
        OperationSpec get = Operations(spec).Single(x => x.Operation.OperationId == "getBook").Operation;
        Assert.Equal("global::Bookshelf.Book", get.ResponseType!.Name);
        Assert.Equal(["Example: `moby-dick`.", "Serialized: `moby-dick`."], get.PathParameters.Single().Doc.Remarks);
        Assert.Contains("Example: `A Tale of the Sea`.", spec.Models.Single(m => m.Name == "Book").Properties.Single(p => p.WireName == "subtitle").Doc.Remarks);
    }

    private const string Head = """
        openapi: 3.2.0
        info:
          title: Probe API
          version: 1.0.0
        servers:
        - url: https://probe.example.com
        """;

    [Fact]
    public void AReferenceOutsideTheDocumentBySelfStaysExternal()
    {
        string spec = Head + """

            $self: https://probe.example.com/openapi.yaml
            paths:
              /a:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: 'other.yaml#/components/schemas/A'
            """;

        Build(spec, out var diagnostics);

        Assert.Contains(diagnostics, d => d.StartsWith("TSG014 17: other.yaml#/components/schemas/A"));
    }

    [Fact]
    public void WithoutSelfARelativeReferenceIsExternal()
    {
        string spec = Head + """

            paths:
              /a:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: 'openapi.yaml#/components/schemas/A'
            components:
              schemas:
                A:
                  type: string
            """;

        Build(spec, out var diagnostics);

        Assert.Contains(diagnostics, d => d.StartsWith("TSG014 16: openapi.yaml#/components/schemas/A"));
    }

    [Fact]
    public void AnAdditionalOperationThatCannotBeSentIsReportedAtItsKey()
    {
        string spec = Head + """

            paths:
              /a:
                additionalOperations:
                  'BAD METHOD':
                    responses:
                      '204':
                        description: ok
                  POST:
                    responses:
                      '204':
                        description: ok
                  LINK:
                    operationId: linkA
                    responses:
                      '204':
                        description: ok
            """;

        ApiSpec model = Build(spec, out var diagnostics);

        Assert.Equal(2, diagnostics.Count(d => d.StartsWith("TSG016")));
        Assert.Contains(diagnostics, d => d.StartsWith("TSG016 11: BAD METHOD | /a | an HTTP method is a token"));
        Assert.Contains(diagnostics, d => d.StartsWith("TSG016 15: POST | /a | POST has a fixed field of its own"));
        Assert.Equal("LINK", Assert.Single(Operations(model)).Operation.HttpMethod);
    }

    [Fact]
    public void QueryAndAdditionalOperationsAreOnlyReadFromA32Document()
    {
        string spec = (Head + """

            paths:
              /a:
                query:
                  responses:
                    '204':
                      description: ok
                additionalOperations:
                  LINK:
                    responses:
                      '204':
                        description: ok
            """).Replace("openapi: 3.2.0", "openapi: 3.1.0");

        Assert.Empty(Operations(Build(spec, out _)));
    }

    [Fact]
    public void ACycleOfTagParentsIsReportedAndBounded()
    {
        string spec = Head + """

            tags:
            - name: a
              parent: b
            - name: b
              parent: a
            - name: c
              parent: missing
            - name: d
              kind: badge
            - name: e
              parent: d
            paths:
              /x:
                get:
                  operationId: getX
                  tags: [a]
                  responses:
                    '204':
                      description: ok
            """;

        ApiSpec model = Build(spec, out var diagnostics);

        Assert.Contains("TSG017 9: a | b | the parents lead back to this tag (a cycle)", diagnostics);
        Assert.Contains("TSG017 11: b | a | the parents lead back to this tag (a cycle)", diagnostics);
        Assert.Contains("TSG017 13: c | missing | no tag of that name is declared", diagnostics);
        Assert.Contains("TSG017 17: e | d | that tag's kind is 'badge', not 'nav'", diagnostics);
        Assert.Equal("X", Assert.Single(model.Resources).PropertyName);
    }

    [Fact]
    public void AQuerystringThatCannotBeGeneratedIsReported()
    {
        string spec = Head + """

            paths:
              /a:
                get:
                  operationId: getA
                  parameters:
                  - name: q
                    in: querystring
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            x:
                              type: string
                  responses:
                    '204':
                      description: ok
              /b:
                get:
                  operationId: getB
                  parameters:
                  - name: page
                    in: query
                    schema:
                      type: integer
                  - name: all
                    in: querystring
                    content:
                      application/x-www-form-urlencoded:
                        schema:
                          type: object
                          properties:
                            x:
                              type: string
                  responses:
                    '204':
                      description: ok
            """;

        Build(spec, out var diagnostics);

        Assert.Contains("TSG018 15: q | getA | its media type 'application/json' is not read yet (only application/x-www-form-urlencoded)", diagnostics);
        Assert.Contains(diagnostics, d => d.StartsWith("TSG018 32: all | getB | an operation with a querystring parameter may have no other"));
    }

    [Fact]
    public void ConstructsOf32ThatAreNotGeneratedGetTsg100AtTheirPosition()
    {
        string spec = Head + """

            paths:
              /a:
                post:
                  operationId: postA
                  requestBody:
                    content:
                      multipart/mixed:
                        itemEncoding:
                          contentType: application/json
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Pet'
            components:
              schemas:
                Pet:
                  oneOf:
                  - $ref: '#/components/schemas/Cat'
                  discriminator:
                    propertyName: kind
                    defaultMapping: '#/components/schemas/Cat'
                Cat:
                  type: object
                  properties:
                    kind:
                      type: string
                    defaultMapping:
                      type: string
            """;

        Build(spec, out var diagnostics);

        Assert.Equal(2, diagnostics.Count(d => d.StartsWith("TSG100")));
        Assert.Contains(diagnostics, d => d.StartsWith("TSG100 15: The media type's 'itemEncoding' (OpenAPI 3.2) is not generated"));
        Assert.Contains(diagnostics, d => d.StartsWith("TSG100 30: The discriminator's 'defaultMapping' (OpenAPI 3.2) is not generated"));
    }

    public static string AspNetCorePath => Path.Combine(GeneratorHarness.RepoRoot, "tests", "Telnyx.Sip.Generator.Tests", "Specs", "aspnetcore-todo-service.json");

    /// <summary>
    /// A 3.2 document as ASP.NET Core writes it (minimal APIs and controllers; see tools/aspnetcore-openapi32): integers
    /// as <c>[integer, string]</c> with a pattern, nullable members as <c>[T, null]</c>, every type a component.
    /// </summary>
    [Fact]
    public void AnAspNetCoreDocumentGeneratesAndCompilesWithoutWarnings()
    {
        var (generator, compiler, _) = GeneratorHarness.RunStrict(File.ReadAllText(AspNetCorePath), "/project/specs/todo-service.json");

        Assert.Empty(generator);
        Assert.Empty(compiler);
        ApiSpec spec = Build(File.ReadAllText(AspNetCorePath), out _);
        Assert.Equal("TodoServiceV1Client", spec.ClientName);
        var methods = Operations(spec).Select(x => $"{x.Resource.ClassName}.{x.Operation.MethodName} {x.Operation.HttpMethod} {x.Operation.PathTemplate}").ToList();
        Assert.Equal(
            ["TodosClient.List GET /todos", "TodosClient.Create POST /todos", "TodosClient.Retrieve GET /todos/{id}", "TodosClient.Delete DELETE /todos/{id}",
             "ApiProjectsClient.List GET /api/projects", "ApiProjectsClient.Retrieve GET /api/projects/{id}", "ApiProjectsClient.Update PATCH /api/projects/{id}",
             "ApiProjectsMembersClient.Update PUT /api/projects/{id}/members/{email}"],
            methods);
    }
}
