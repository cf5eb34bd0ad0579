package dev.mall.ordering.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/**
 * Where an order goes, as the customer gave it when placing the order (checked at the edge: docs/API.md "Shipping and
 * returns"). A value: it never changes once the order is placed.
 */
@Embeddable
public class ShippingAddress {

    @Column(name = "ship_name", length = 100, updatable = false)
    private String name;

    @Column(name = "ship_line1", length = 200, updatable = false)
    private String line1;

    @Column(name = "ship_line2", length = 200, updatable = false)
    private String line2;

    @Column(name = "ship_city", length = 100, updatable = false)
    private String city;

    @Column(name = "ship_postal_code", length = 16, updatable = false)
    private String postalCode;

    @Column(name = "ship_country", length = 2, updatable = false)
    private String country;

    protected ShippingAddress() {
    }

    public ShippingAddress(String name, String line1, String line2, String city, String postalCode, String country) {
        this.name = Objects.requireNonNull(name);
        this.line1 = Objects.requireNonNull(line1);
        this.line2 = line2;
        this.city = Objects.requireNonNull(city);
        this.postalCode = Objects.requireNonNull(postalCode);
        this.country = Objects.requireNonNull(country);
    }

    public String name() {
        return name;
    }

    public String line1() {
        return line1;
    }

    public String line2() {
        return line2;
    }

    public String city() {
        return city;
    }

    public String postalCode() {
        return postalCode;
    }

    public String country() {
        return country;
    }
}
