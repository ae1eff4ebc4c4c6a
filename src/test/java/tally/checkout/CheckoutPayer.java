package tally.checkout;

import static tally.testing.Browser.waitFor;

import com.stripe.model.checkout.Session;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tally.testing.TallyServer;

/** The hosted Checkout page as a payer in Chromium uses it, by Stripe's input names. */
final class CheckoutPayer {
  private CheckoutPayer() {}

  /** The success URL the tests give: the server's health page, with the session's id. */
  static String successUrl(TallyServer server) {
    return server.baseUrl() + "/healthz?session={CHECKOUT_SESSION_ID}";
  }

  /** Where a completed session lands the payer. */
  static String successFor(TallyServer server, Session s) {
    return server.baseUrl() + "/healthz?session=" + s.getId();
  }

  /** Types a card and billing details as a payer would on Stripe's page. */
  static void fill(WebDriver browser, String number) {
    for (String id : new String[] {"cardNumber", "cardExpiry", "cardCvc", "billingName"}) {
      browser.findElement(By.id(id)).clear();
    }
    browser.findElement(By.id("cardNumber")).sendKeys(number);
    browser.findElement(By.id("cardExpiry")).sendKeys("12 / 34");
    browser.findElement(By.id("cardCvc")).sendKeys("123");
    browser.findElement(By.id("billingName")).sendKeys("Jenny Rosen");
    new Select(browser.findElement(By.id("billingCountry"))).selectByValue("GB");
    browser.findElement(By.id("billingPostalCode")).clear();
    browser.findElement(By.id("billingPostalCode")).sendKeys("EC1A 1BB");
  }

  /** Types the card and presses pay. */
  static void submit(WebDriver browser, String number) {
    fill(browser, number);
    browser.findElement(By.id("pay")).click();
  }

  /**
   * Waits for the 3-D Secure test page and presses its button ({@code authorize} or {@code fail}).
   */
  static void answer3ds(WebDriver browser, String button) {
    waitFor(browser)
        .until(ExpectedConditions.elementToBeClickable(By.id("test-source-" + button + "-3ds")))
        .click();
  }

  /** Waits until the payer is back on the success URL. */
  static void waitForSuccess(WebDriver browser, TallyServer server, Session s) {
    waitFor(browser).until(ExpectedConditions.urlToBe(successFor(server, s)));
  }
}
