package dev.slipway.console.api;

import dev.slipway.console.ConsoleIndex;
import dev.slipway.console.dora.DoraMeasures;
import dev.slipway.console.dora.DoraWindow;
import dev.slipway.console.dora.FinishedReleases;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/** {@code GET /api/dora?window=30d}: the four DORA measures, overall and per release name, each with its releases. */
@Path("/api/dora")
@Produces(MediaType.APPLICATION_JSON)
public class DoraResource {
    private final ConsoleIndex console;
    private final Clock clock;

    public DoraResource(ConsoleIndex console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    @GET
    public Response dora(@QueryParam("window") @DefaultValue("30d") String window) {
        DoraWindow parsed;
        try {
            parsed = DoraWindow.parse(window);
        } catch (IllegalArgumentException e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON).entity(new ApiError(400, e.getMessage())).build();
        }
        return Response.ok(DoraMeasures.compute(FinishedReleases.of(console.releases().listed()), parsed, clock.instant())).build();
    }
}
