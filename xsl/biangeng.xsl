<?xml version="1.0" encoding="UTF-8"?>
<!--
  biangeng.xsl: 信息变更 (changes that take effect at once, no review).
  Views: person-query (find an employee), person (在职人员非敏感信息变更),
  unit (单位一般信息变更), records (变更记录).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- The query form by 社会保障号码, and the unit's staff as links. -->
  <xsl:template match="page[@view = 'person-query']" mode="content">
    <xsl:call-template name="required-note"/>
    <xsl:call-template name="section"><xsl:with-param name="title">在职人员非敏感信息变更</xsl:with-param></xsl:call-template>
    <form method="get" action="/biangeng/person" class="form">
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">社会保障号码</xsl:with-param>
            <xsl:with-param name="name">sfzh</xsl:with-param>
            <xsl:with-param name="value" select="query/@sfzh"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">18</xsl:with-param>
          </xsl:call-template>
          <th>人员范围</th>
          <td class="readonly">本单位</td>
          <td class="buttons-cell"><button type="submit" class="btn btn-primary">查询</button></td>
        </tr>
      </table>
    </form>
    <xsl:for-each select="persons">
      <xsl:call-template name="section"><xsl:with-param name="title">本单位在职人员</xsl:with-param></xsl:call-template>
      <form method="get" action="/biangeng/person" class="form query pick-search">
        <label for="list-q">姓名或社会保障号码开头</label>
        <xsl:text> </xsl:text>
        <input type="text" name="q" id="list-q" value="{@q}" maxlength="30"/>
        <xsl:text> </xsl:text>
        <button type="submit" class="btn">查找</button>
      </form>
      <table class="grid persons">
        <thead><tr><th>姓名</th><th>社会保障号码</th><th>操作</th></tr></thead>
        <tbody>
          <xsl:for-each select="person">
            <tr>
              <td><xsl:value-of select="@name"/></td>
              <td class="mono"><xsl:value-of select="@idno"/></td>
              <td class="ops"><a class="op" href="/biangeng/person?sfzh={@idno}">变更</a></td>
            </tr>
          </xsl:for-each>
          <xsl:if test="not(person)">
            <xsl:call-template name="empty-row"><xsl:with-param name="cols">3</xsl:with-param></xsl:call-template>
          </xsl:if>
        </tbody>
      </table>
      <xsl:for-each select="pager">
        <xsl:call-template name="pager">
          <xsl:with-param name="total" select="@total"/>
          <xsl:with-param name="page" select="@page"/>
          <xsl:with-param name="size" select="@size"/>
          <xsl:with-param name="base-url" select="@base"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- The change form of one employee's non-sensitive data. -->
  <xsl:template match="page[@view = 'person']" mode="content">
    <xsl:variable name="p" select="person"/>
    <xsl:call-template name="required-note"/>
    <xsl:call-template name="section">
      <xsl:with-param name="title">在职人员非敏感信息变更</xsl:with-param>
      <xsl:with-param name="note">(注: 红色字体标记为必填项)</xsl:with-param>
    </xsl:call-template>
    <p class="note warn-note">姓名、身份证号、出生日期等敏感信息不能网上变更,请携带材料到经办机构办理。变更提交后即时生效,并生成变更记录。</p>
    <form method="post" action="/biangeng/person" class="form">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="id" value="{$p/@id}"/>
      <table class="form-grid grid3">
        <tr>
          <th><xsl:call-template name="required-mark"/>社会保障号</th>
          <td class="readonly mono"><xsl:value-of select="$p/@idno"/></td>
          <xsl:call-template name="show-cells">
            <xsl:with-param name="label">姓名</xsl:with-param>
            <xsl:with-param name="value" select="$p/@name"/>
          </xsl:call-template>
          <xsl:call-template name="show-cells">
            <xsl:with-param name="label">出生日期</xsl:with-param>
            <xsl:with-param name="value" select="$p/@birth"/>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="show-cells">
            <xsl:with-param name="label">性别</xsl:with-param>
            <xsl:with-param name="value" select="$p/@sex"/>
          </xsl:call-template>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">民族</xsl:with-param>
            <xsl:with-param name="name">nation</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'nation']"/>
            <xsl:with-param name="current" select="$p/@nation"/>
          </xsl:call-template>
          <xsl:call-template name="show-cells">
            <xsl:with-param name="label">户口性质</xsl:with-param>
            <xsl:with-param name="value" select="$p/@hukou-type"/>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">户口所在地</xsl:with-param>
            <xsl:with-param name="name">hukou_addr</xsl:with-param>
            <xsl:with-param name="value" select="$p/@hukou-addr"/>
            <xsl:with-param name="maxlength">100</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">常住地详细地址</xsl:with-param>
            <xsl:with-param name="name">address</xsl:with-param>
            <xsl:with-param name="value" select="$p/@address"/>
            <xsl:with-param name="maxlength">100</xsl:with-param>
            <xsl:with-param name="colspan">3</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">手机号码</xsl:with-param>
            <xsl:with-param name="name">mobile</xsl:with-param>
            <xsl:with-param name="value" select="$p/@mobile"/>
            <xsl:with-param name="type">tel</xsl:with-param>
            <xsl:with-param name="maxlength">11</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">邮政编码</xsl:with-param>
            <xsl:with-param name="name">postcode</xsl:with-param>
            <xsl:with-param name="value" select="$p/@postcode"/>
            <xsl:with-param name="maxlength">6</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">家庭电话</xsl:with-param>
            <xsl:with-param name="name">home_phone</xsl:with-param>
            <xsl:with-param name="value" select="$p/@home-phone"/>
            <xsl:with-param name="type">tel</xsl:with-param>
            <xsl:with-param name="maxlength">20</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">文化程度</xsl:with-param>
            <xsl:with-param name="name">education</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'education']"/>
            <xsl:with-param name="current" select="$p/@education"/>
          </xsl:call-template>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">婚姻状况</xsl:with-param>
            <xsl:with-param name="name">marital</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'marital']"/>
            <xsl:with-param name="current" select="$p/@marital"/>
          </xsl:call-template>
          <th></th><td></td>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">邮寄地址</xsl:with-param>
            <xsl:with-param name="name">mail_addr</xsl:with-param>
            <xsl:with-param name="value" select="$p/@mail-addr"/>
            <xsl:with-param name="maxlength">100</xsl:with-param>
            <xsl:with-param name="colspan">5</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="buttons center">
        <button type="reset" class="btn">重置</button>
        <button type="submit" class="btn btn-primary">提交</button>
      </p>
    </form>
    <p class="actions"><a href="/biangeng/person">返回查询</a></p>
  </xsl:template>

  <!-- The change form of the unit's general data. -->
  <xsl:template match="page[@view = 'unit']" mode="content">
    <xsl:variable name="u" select="unit"/>
    <xsl:call-template name="required-note"/>
    <xsl:call-template name="section"><xsl:with-param name="title">单位一般信息变更</xsl:with-param></xsl:call-template>
    <p class="note warn-note">单位名称、统一社会信用代码、法定代表人等其他重点信息变更请到经办机构办理。以下信息变更提交后即时生效,并生成变更记录。</p>
    <form method="post" action="/biangeng/unit" class="form">
      <xsl:call-template name="csrf"/>
      <table class="form-grid">
        <tr>
          <xsl:call-template name="show-cells">
            <xsl:with-param name="label">单位名称</xsl:with-param>
            <xsl:with-param name="value" select="$u/@name"/>
          </xsl:call-template>
          <xsl:call-template name="show-cells">
            <xsl:with-param name="label">统一社会信用代码</xsl:with-param>
            <xsl:with-param name="value" select="$u/@uscc"/>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="show-cells">
            <xsl:with-param name="label">单位社保编号</xsl:with-param>
            <xsl:with-param name="value" select="$u/@sb-code"/>
          </xsl:call-template>
          <xsl:call-template name="show-cells">
            <xsl:with-param name="label">法定代表人</xsl:with-param>
            <xsl:with-param name="value" select="$u/@legal-rep"/>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">联系人</xsl:with-param>
            <xsl:with-param name="name">contact</xsl:with-param>
            <xsl:with-param name="value" select="$u/@contact"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">30</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">联系电话</xsl:with-param>
            <xsl:with-param name="name">phone</xsl:with-param>
            <xsl:with-param name="value" select="$u/@phone"/>
            <xsl:with-param name="type">tel</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">20</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">传真号码</xsl:with-param>
            <xsl:with-param name="name">fax</xsl:with-param>
            <xsl:with-param name="value" select="$u/@fax"/>
            <xsl:with-param name="type">tel</xsl:with-param>
            <xsl:with-param name="maxlength">20</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">邮箱地址</xsl:with-param>
            <xsl:with-param name="name">email</xsl:with-param>
            <xsl:with-param name="value" select="$u/@email"/>
            <xsl:with-param name="type">email</xsl:with-param>
            <xsl:with-param name="maxlength">100</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">邮政编码</xsl:with-param>
            <xsl:with-param name="name">postcode</xsl:with-param>
            <xsl:with-param name="value" select="$u/@postcode"/>
            <xsl:with-param name="maxlength">6</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">单位地址</xsl:with-param>
            <xsl:with-param name="name">address</xsl:with-param>
            <xsl:with-param name="value" select="$u/@address"/>
            <xsl:with-param name="maxlength">100</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="buttons center">
        <button type="reset" class="btn">重置</button>
        <button type="submit" class="btn btn-primary">提交</button>
      </p>
    </form>
  </xsl:template>

  <!-- The change records of the unit. -->
  <xsl:template match="page[@view = 'records']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">变更记录</xsl:with-param></xsl:call-template>
    <table class="grid records">
      <thead>
        <tr><th>变更时间</th><th>变更对象</th><th>变更项目</th><th>变更前</th><th>变更后</th><th>经办人</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="records/record">
          <tr>
            <td class="time"><xsl:value-of select="@at"/></td>
            <td><xsl:value-of select="@subject"/></td>
            <td><xsl:value-of select="@field-label"/></td>
            <td class="old"><xsl:value-of select="@old"/></td>
            <td class="new"><xsl:value-of select="@new"/></td>
            <td><xsl:value-of select="@by"/></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(records/record)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">6</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <xsl:for-each select="records/pager">
      <xsl:call-template name="pager">
        <xsl:with-param name="total" select="@total"/>
        <xsl:with-param name="page" select="@page"/>
        <xsl:with-param name="size" select="@size"/>
        <xsl:with-param name="base-url" select="@base"/>
        <xsl:with-param name="unit">条</xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
