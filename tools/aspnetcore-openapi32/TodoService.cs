using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers().AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddOpenApi();
var app = builder.Build();
app.MapOpenApi();
app.MapControllers();

var todos = app.MapGroup("/todos").WithTags("Todos");
todos.MapGet("/", (TodoStatus? status, int? limit) => TypedResults.Ok(Array.Empty<Todo>()))
    .WithName("ListTodos").WithSummary("Lists the todos").WithDescription("Every todo, optionally by status.");
todos.MapGet("/{id:int}", Results<Ok<Todo>, NotFound<ProblemDetails>> (int id) => TypedResults.NotFound(new ProblemDetails()))
    .WithName("GetTodo").WithSummary("Gets a todo");
todos.MapPost("/", (CreateTodo body) => TypedResults.Created("/todos/1", new Todo(1, body.Title, TodoStatus.Open, null, [])))
    .WithName("CreateTodo").WithSummary("Creates a todo");
todos.MapDelete("/{id:int}", (int id) => TypedResults.NoContent()).WithName("DeleteTodo");
app.MapGet("/health", () => "ok").WithName("Health").ExcludeFromDescription();
app.Run();

/// <summary>A todo.</summary>
public record Todo(int Id, [property: Description("What to do.")] string Title, TodoStatus Status, DateTimeOffset? DueAt, List<Tag> Tags);

public record Tag(string Name, string? Color);

public enum TodoStatus { Open, Done, Archived }

public class CreateTodo
{
    [Required, MaxLength(200)]
    public required string Title { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public List<Tag>? Tags { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

public record Project(Guid Id, string Name, Project? Parent, IReadOnlyList<Member> Members, decimal Budget, long Revision);

public record Member(string Email, MemberRole Role);

public enum MemberRole { Owner, Editor, Viewer }

public record ProjectPatch(string? Name, decimal? Budget);

[ApiController]
[Route("api/projects")]
public class ProjectsController : ControllerBase
{
    /// <summary>Lists the projects.</summary>
    [HttpGet]
    [ProducesResponseType<List<Project>>(200)]
    public IActionResult List([FromQuery] string? search, [FromQuery] int page = 1) => Ok(new List<Project>());

    /// <summary>Gets a project.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType<Project>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public IActionResult Get(Guid id) => NotFound();

    [HttpPatch("{id:guid}")]
    [ProducesResponseType<Project>(200)]
    [ProducesResponseType<ValidationProblemDetails>(400)]
    public IActionResult Update(Guid id, [FromBody] ProjectPatch patch, [FromHeader(Name = "If-Match")] string? ifMatch) => Ok();

    [HttpPut("{id:guid}/members/{email}")]
    [ProducesResponseType(204)]
    public IActionResult AddMember(Guid id, string email, [FromBody] Member member) => NoContent();
}
