package dev.slipway.console.api;

import dev.slipway.console.ConsoleIndex;
import dev.slipway.console.ConsoleSettings;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.record.AuditRecord;
import dev.slipway.record.HistoryRow;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The console's JSON API: the releases newest first, one release's record, and the live stream of summaries. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ReleasesResource {
    private final ConsoleIndex console;
    private final ConsoleSettings settings;

    public ReleasesResource(ConsoleIndex console, ConsoleSettings settings) {
        this.console = console;
        this.settings = settings;
    }

    /** A page of the releases list. */
    public record ReleasePage(int total, int offset, int limit, boolean ready, List<HistoryRow> releases) {}

    /** Whether the index has caught up with the topics, and how many releases it lists. */
    public record Status(boolean ready, int releases) {}

    @GET
    @Path("/status")
    public Status status() {
        return new Status(console.ready(), console.releases().listedCount());
    }

    @GET
    @Path("/releases")
    public Response releases(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (offset < 0 || limit < 1 || limit > settings.maxPage()) {
            return error(400, "offset must be 0 or more and limit between 1 and " + settings.maxPage());
        }
        return Response.ok(new ReleasePage(console.releases().listedCount(), offset, limit, console.ready(),
                console.releases().page(offset, limit))).build();
    }

    @GET
    @Path("/releases/{id}")
    public Response release(@PathParam("id") String id) {
        ReleaseId releaseId;
        try {
            releaseId = ReleaseId.of(id);
        } catch (InvalidNameException e) {
            return error(400, e.getMessage());
        }
        return console.record(releaseId.value()).map(AuditRecord.class::cast).map(record -> Response.ok(record).build())
                .orElseGet(() -> error(404, "no release " + releaseId.value() + " on the topics"
                        + (console.ready() ? "" : " read so far (the console is still reading them)")));
    }

    /** Server-sent events: each release's summary (as in the list) every time an event of it lands. */
    @GET
    @Path("/releases/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<HistoryRow> stream() {
        return console.updates();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, message)).build();
    }
}
