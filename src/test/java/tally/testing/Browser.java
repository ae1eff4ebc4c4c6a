package tally.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, for the hosted pages. The driver path is set, so
 * Selenium Manager downloads nothing; the flags keep Chromium off the (closed) network.
 */
public final class Browser {
  private Browser() {}

  public static WebDriver open() {
    Path driver = Path.of("/usr/bin/chromedriver");
    if (!Files.isExecutable(driver)) {
      throw new IllegalStateException(
          "browser tests need Debian's chromium and chromium-driver (apt-get install chromium"
              + " chromium-driver); .ci/run installs them");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
    return new ChromeDriver(service, options);
  }

  /** What a test does in the browser. */
  @FunctionalInterface
  public interface Visit<T> {
    T in(WebDriver browser) throws Exception;
  }

  /** What a test does in the browser, with nothing to bring back. */
  @FunctionalInterface
  public interface Steps {
    void in(WebDriver browser) throws Exception;
  }

  /** Opens a browser, runs the visit and closes the browser however the visit ends. */
  public static <T> T visit(Visit<T> visit) throws Exception {
    WebDriver browser = open();
    try {
      return visit.in(browser);
    } finally {
      browser.quit();
    }
  }

  /** Opens a browser, takes the steps and closes the browser however they end. */
  public static void run(Steps steps) throws Exception {
    visit(browser -> {
      steps.in(browser);
      return null;
    });
  }

  /** Waits up to 15 seconds for what the page is to show. */
  public static WebDriverWait waitFor(WebDriver browser) {
    WebDriverWait wait = new WebDriverWait(browser, java.time.Duration.ofSeconds(15));
    // A page that updates itself (the dashboard's live view) may replace an element between
    // finding it and reading it: that is a reason to look again, not a failure.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }
}
