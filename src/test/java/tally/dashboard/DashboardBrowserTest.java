package tally.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Browser.waitFor;
import static tally.testing.Fixtures.charge;
import static tally.testing.Fixtures.customer;

import com.stripe.StripeClient;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Dispute;
import com.stripe.param.DisputeListParams;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tally.testing.Browser;
import tally.testing.TallyServer;

/**
 * A developer uses the dashboard in headless Chromium: signs in with a key, pages and searches a
 * table, opens a charge (fields, JSON, events, the API requests that made it), settles a dispute,
 * sees a new event appear without reloading, never sees another key's objects, and signs out.
 */
class DashboardBrowserTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

  @Test
  void aDeveloperBrowsesTheirAccountAndOnlyTheirs() throws Exception {
    String key = SERVER.newKey();
    StripeClient stripe = SERVER.client(key);
    for (int i = 0; i < 27; i++) {
      customer(stripe, "c" + i + "@example.com");
    }
    Customer findMe = customer(stripe, "findme@example.com");
    Charge paid = charge(stripe, "tok_visa", 4200);
    Charge disputed = charge(stripe, "tok_createDispute", 1500);
    StripeClient other = SERVER.newClient();
    Customer theirs = customer(other, "someone-else@example.com");
    Charge theirCharge = charge(other, "tok_visa", 9900);

    WebDriver browser = Browser.open();
    try {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
      browser.get(SERVER.baseUrl() + "/dashboard");
      waitFor(browser).until(ExpectedConditions.urlContains("/dashboard/signin"));
      browser.findElement(By.id("key")).sendKeys(key);
      browser.findElement(By.id("signin")).click();
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("totals")));
      assertThat(browser.getCurrentUrl()).doesNotContain(key);
      String totals = browser.findElement(By.id("totals")).getText();
      assertThat(totals).contains("$57.00"); // 42 + 15 captured
      assertThat(browser.findElements(By.cssSelector("#chart rect"))).hasSize(14);
      screenshot(browser, "home.png");

      // The customers table: 28 customers, 25 a page, newest first.
      browser.findElement(By.linkText("Customers")).click();
      assertThat(rowTexts(browser)).hasSize(25).first().asString().contains("findme@example.com");
      browser.findElement(By.id("older")).click();
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("newer")));
      assertThat(rowTexts(browser)).hasSize(3).last().asString().contains("c0@example.com");
      assertThat(browser.findElements(By.id("older"))).isEmpty();
      browser.findElement(By.id("newer")).click();
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("older")));
      assertThat(rowTexts(browser)).hasSize(25);
      screenshot(browser, "customers.png");

      // Search by text, then by the Search API; another account's customer is never found.
      search(browser, "findme@");
      assertThat(rowTexts(browser)).singleElement().asString().contains(findMe.getId());
      search(browser, "email:\"findme@example.com\"");
      assertThat(rowTexts(browser)).singleElement().asString().contains(findMe.getId());
      search(browser, "someone-else");
      assertThat(browser.findElement(By.cssSelector("table.rows")).getText())
          .contains("Nothing here yet")
          .doesNotContain(theirs.getId());

      // The charge's page: fields, JSON, its events and the request that created it, masked.
      browser.get(SERVER.baseUrl() + "/dashboard/charges/" + paid.getId());
      assertThat(browser.findElement(By.id("object-id")).getText()).isEqualTo(paid.getId());
      assertThat(browser.findElement(By.id("json")).getText())
          .contains("\"id\": \"" + paid.getId() + "\"");
      assertThat(browser.findElement(By.id("events")).getText()).contains("charge.succeeded");
      waitFor(browser)
          .until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("requests")).getText().contains("POST /v1/charges");
          });
      browser.findElement(By.cssSelector("#requests summary")).click();
      String logged = browser.findElement(By.id("requests")).getText();
      assertThat(logged).contains("→ 200").contains("source=tok_visa").doesNotContain(key);
      screenshot(browser, "charge.png");

      // Another key's objects: not by id, not in lists.
      browser.get(SERVER.baseUrl() + "/dashboard/charges/" + theirCharge.getId());
      assertThat(browser.findElement(By.tagName("body")).getText()).contains("No such charge");
      browser.get(SERVER.baseUrl() + "/dashboard/customers/" + theirs.getId());
      assertThat(browser.findElement(By.tagName("body")).getText()).contains("No such customer");
      browser.get(SERVER.baseUrl() + "/dashboard/charges");
      assertThat(String.join("\n", rowTexts(browser)))
          .contains(paid.getId())
          .doesNotContain(theirCharge.getId());

      // A test-mode action: the dispute is closed as won.
      Dispute dispute =
          stripe
              .v1()
              .disputes()
              .list(DisputeListParams.builder().setCharge(disputed.getId()).build())
              .getData()
              .getFirst();
      browser.get(SERVER.baseUrl() + "/dashboard/disputes/" + dispute.getId());
      browser.findElement(By.id("dispute-won")).click();
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
      assertThat(browser.findElement(By.id("notice")).getText()).contains("winning_evidence");
      SERVER.runJobs();
      assertThat(stripe.v1().disputes().retrieve(dispute.getId()).getStatus())
          .isIn("won", "under_review");
      assertThat(browser.findElement(By.id("events")).getText()).contains("charge.dispute.updated");

      // Live: a customer made through the API appears in the open events table without a reload.
      browser.get(SERVER.baseUrl() + "/dashboard/events");
      ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
      Customer late = customer(stripe, "late@example.com");
      waitFor(browser)
          .until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), late.getId()));
      assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded;"))
          .isEqualTo(true);

      browser.findElement(By.id("signout")).click();
      waitFor(browser).until(ExpectedConditions.urlContains("/dashboard/signin"));
      browser.get(SERVER.baseUrl() + "/dashboard/customers");
      waitFor(browser).until(ExpectedConditions.urlContains("/dashboard/signin"));
    } finally {
      browser.quit();
    }
  }

  private static List<String> rowTexts(WebDriver browser) {
    List<WebElement> rows = browser.findElements(By.cssSelector("table.rows tr"));
    return rows.stream().skip(1).map(WebElement::getText).toList();
  }

  /** Types a search and submits it, again if the live view replaced the form meanwhile. */
  private static void search(WebDriver browser, String text) {
    waitFor(browser)
        .until(d -> {
          WebElement q = d.findElement(By.id("q"));
          q.clear();
          q.sendKeys(text);
          d.findElement(By.id("search")).click();
          return true;
        });
    waitFor(browser).until(ExpectedConditions.attributeToBe(By.id("q"), "value", text));
  }

  /**
   * Saves a screenshot under target/ and checks it shows a page: a PNG of the window's size with
   * many colours (a blank or failed render has one or two).
   */
  private static void screenshot(WebDriver browser, String name) throws Exception {
    ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(SHOTS);
    Files.write(SHOTS.resolve(name), png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isGreaterThan(300);
    assertThat(image.getHeight()).isGreaterThan(200);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours).as("distinct colours in " + name).hasSizeGreaterThan(20);
    // The dark header bar is drawn across the top.
    int top = image.getRGB(image.getWidth() / 2, 5);
    assertThat(((top >> 16) & 0xff) + ((top >> 8) & 0xff) + (top & 0xff)).isLessThan(200);
  }
}
