package dev.mall.identity.entity;

import java.util.Arrays;
import java.util.Locale;

/** What an account may do. The lower-case name is both the MP-JWT {@code groups} value and the Jakarta role name. */
public enum Role {
    CUSTOMER,
    ADMIN;

    public String groupName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role ofGroupName(String groupName) {
        return Arrays.stream(values())
                .filter(role -> role.groupName().equals(groupName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role: " + groupName));
    }
}
