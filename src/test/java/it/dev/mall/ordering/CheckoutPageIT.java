package it.dev.mall.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.HeadlessChromium;
import it.dev.mall.support.ProviderRecords;
import it.dev.mall.support.Shop;
import it.dev.mall.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A customer pays an order in a real headless Chromium: the shop's /pay answers the provider's checkout URL, the
 * browser opens the hosted page and presses SUCCESS, and the order turns PAID through the provider's webhook. The
 * screenshot of the provider's answer is kept under target/screenshots/.
 */
class CheckoutPageIT {

    private final Shop shop = new Shop();
    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCustomerPaysOnTheHostedCheckoutPage() throws Exception {
        Accounts.Account customer = Accounts.customer();
        long sku = shop.newSku(2, "7.25");
        long orderId = Shop.place(customer, Shop.newKey(), sku, 2).then().statusCode(201).extract().jsonPath()
                .getLong("id");
        Response opened = Shop.openPayment(customer, orderId);
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(201);
        long paymentId = opened.jsonPath().getLong("paymentId");

        browser.get(opened.jsonPath().getString("checkoutUrl"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("amount"))).getText())
                .isEqualTo("14.50");
        assertThat(browser.findElements(By.cssSelector("form[method=post]"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("button[type=submit][name=outcome]")))
                .extracting(button -> button.getText()).containsExactly("SUCCESS", "FAILURE");

        browser.findElement(By.cssSelector("button[name=outcome][value=SUCCESS]")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome"))).getText())
                .isEqualTo("SUCCESS");
        keepScreenshot("checkout-paid.png");

        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(15), "PAID");
        assertThat(ProviderRecords.charges(paymentId)).isEqualTo(1);
        assertThat(Shop.skuLine(shop.awaitCleanAudit(sku), sku)).containsEntry("sold", 2).containsEntry("onHand", 0);
    }

    private void keepScreenshot(String name) {
        Path file = TestServer.mallHome().resolve("target/screenshots").resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
