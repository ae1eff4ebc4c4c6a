package tally.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code tally --version}: the build's version (from the filtered resource) and the API version.
 */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "tally " + version(), "Stripe API version " + tally.api.ApiVersions.CURRENT,
    };
  }

  /** The project's version as Maven built it, or "unknown" when run from unpackaged classes. */
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/tally/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
